"use client";

import { useQuery } from "@tanstack/react-query";
import { HashIcon } from "lucide-react";
import { useState } from "react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import type { FlowDetail } from "@/components/portal/flows/types";
import { formatPhoneNumber } from "@/lib/phone";
import { useTRPC } from "@/trpc/react";

/** Which numbers answer with this flow: ticking one takes it from its voice URL (or another flow). */
export function FlowNumbersDialog({ flow }: { flow: FlowDetail }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const numbers = useQuery(trpc.numbers.list.queryOptions({ limit: 100, capability: "voice" }, { enabled: open }));
  const assign = useToastMutation(trpc.flows.assignNumbers.mutationOptions({ onSuccess: () => setOpen(false) }), {
    success: "Numbers updated",
    invalidate: [trpc.flows.get.queryKey({ id: flow.id }), trpc.flows.list.queryKey(), trpc.numbers.list.queryKey()],
  });
  function openChange(next: boolean) {
    if (next) setChosen(new Set(flow.numbers.map((n) => n.id)));
    setOpen(next);
  }
  return (
    <Dialog open={open} onOpenChange={openChange}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <HashIcon /> Numbers{flow.numbers.length ? ` (${flow.numbers.length})` : ""}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Numbers answering with this flow</DialogTitle>
          <DialogDescription>
            {flow.publishedVersion ? `Calls to these numbers run version ${flow.publishedVersion.number}.` : "Publish the flow first: until then calls to these numbers hear that the flow is not published."} A number with a flow no longer uses its voice URL.
          </DialogDescription>
        </DialogHeader>
        {numbers.isPending ? (
          <p className="text-sm text-muted-foreground">Loading numbers…</p>
        ) : numbers.isError ? (
          <p className="text-sm text-destructive">{numbers.error.message}</p>
        ) : numbers.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">This workspace has no voice numbers yet. Get one on the Numbers page.</p>
        ) : (
          <ul className="flex max-h-72 flex-col gap-2 overflow-y-auto">
            {numbers.data.items.map((n) => (
              <li key={n.id}>
                <Label className="flex items-center gap-2 font-normal">
                  <Checkbox
                    checked={chosen.has(n.id)}
                    onCheckedChange={(v) => setChosen((prev) => {
                      const next = new Set(prev);
                      if (v === true) next.add(n.id);
                      else next.delete(n.id);
                      return next;
                    })}
                  />
                  <span className="tabular-nums">{formatPhoneNumber(n.phoneNumber)}</span>
                  {n.friendlyName && <span className="text-muted-foreground">{n.friendlyName}</span>}
                  {n.voiceFlowId && n.voiceFlowId !== flow.id && <span className="text-xs text-amber-700 dark:text-amber-400">(another flow)</span>}
                </Label>
              </li>
            ))}
          </ul>
        )}
        <DialogFooter>
          <Button onClick={() => assign.mutate({ flowId: flow.id, phoneNumberIds: [...chosen] })} disabled={assign.isPending || numbers.isPending}>
            {assign.isPending ? "Saving…" : "Save numbers"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
