"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { HistoryIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { FlowGraph } from "@/lib/ivr-flows/flow-graph";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

/** The published versions, newest first; any one can be taken back as the draft (then saved and published anew). */
export function FlowVersionsDialog({ flowId, publishedId, canEdit, onRestore }: { flowId: string; publishedId: string | null; canEdit: boolean; onRestore: (graph: FlowGraph, number: number) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const versions = useQuery(trpc.flows.versions.queryOptions({ id: flowId }, { enabled: open }));
  async function restore(versionId: string) {
    const v = await queryClient.fetchQuery(trpc.flows.version.queryOptions({ flowId, versionId }));
    onRestore(v.graph, v.number);
    setOpen(false);
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <HistoryIcon /> Versions
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Version history</DialogTitle>
          <DialogDescription>Published versions never change. Calls keep the version they started with; new calls take the published one.</DialogDescription>
        </DialogHeader>
        {versions.isPending ? (
          <p className="text-sm text-muted-foreground">Loading…</p>
        ) : versions.isError ? (
          <p className="text-sm text-destructive">{versions.error.message}</p>
        ) : versions.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing published yet: publish the draft to make version 1.</p>
        ) : (
          <ul className="flex max-h-80 flex-col divide-y overflow-y-auto">
            {versions.data.map((v) => (
              <li key={v.id} className="flex items-center justify-between gap-2 py-2">
                <div className="flex flex-col">
                  <span className="flex items-center gap-2 font-medium">
                    Version {v.number} {v.id === publishedId && <Badge variant="secondary">Live</Badge>}
                  </span>
                  <span className="text-xs text-muted-foreground">{formatDateTime(v.publishedAt)}</span>
                </div>
                {canEdit && (
                  <Button variant="ghost" size="sm" onClick={() => void restore(v.id)}>
                    Open as draft
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}
