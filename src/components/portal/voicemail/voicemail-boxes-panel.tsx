"use client";

import { useQuery } from "@tanstack/react-query";
import { PencilIcon, PlusIcon, Trash2Icon, VoicemailIcon } from "lucide-react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { QueryStates } from "@/components/shared/query-states";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { atLeast } from "@/components/portal/role-labels";
import { VoicemailBoxDialog } from "@/components/portal/voicemail/voicemail-box-dialog";
import { VoicemailGreetingUpload } from "@/components/portal/voicemail/voicemail-greeting-upload";
import { VoicemailNav } from "@/components/portal/voicemail/voicemail-nav";
import type { VoicemailBoxRow } from "@/components/portal/voicemail/types";
import { useTRPC } from "@/trpc/react";

function greetingText(box: VoicemailBoxRow): string {
  if (box.greetingAudio) return `Recorded greeting (${box.greetingAudio.durationSeconds} s)`;
  return box.greetingText ? `“${box.greetingText}”` : "Standard greeting";
}

function BoxCard({ box, canManage }: { box: VoicemailBoxRow; canManage: boolean }) {
  const trpc = useTRPC();
  const remove = useToastMutation(trpc.voicemail.deleteBox.mutationOptions(), { success: (b) => `Box ${b.name} deleted`, invalidate: [trpc.voicemail.boxes.pathKey()] });
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          {box.name}
          {box.userName ? <Badge variant="secondary">{box.userName}</Badge> : <Badge variant="outline">Shared</Badge>}
        </CardTitle>
        <CardDescription className="break-words">{greetingText(box)}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <div className="flex min-w-0 items-center gap-2">
          <code className="min-w-0 truncate rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{box.url}</code>
          <CopyButton value={box.url} label={`Copy the address of ${box.name}`} />
        </div>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-muted-foreground">
          <dt>Longest message</dt>
          <dd className="text-foreground tabular-nums">{box.maxLengthSeconds} s</dd>
          <dt>Transcription</dt>
          <dd className="text-foreground">{box.transcribe ? "On" : "Off"}</dd>
          <dt>Emails</dt>
          <dd className="break-all text-foreground">{box.notifyEmails.length ? box.notifyEmails.join(", ") : "—"}</dd>
        </dl>
      </CardContent>
      {canManage && (
        <CardFooter className="flex flex-wrap gap-2">
          <VoicemailBoxDialog
            box={box}
            trigger={
              <Button variant="outline" size="sm" aria-label={`Edit ${box.name}`}>
                <PencilIcon /> Edit
              </Button>
            }
          />
          <VoicemailGreetingUpload box={box} />
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" aria-label={`Delete ${box.name}`}>
                <Trash2Icon /> Delete
              </Button>
            }
            title={`Delete ${box.name}?`}
            description="Calls redirected to its address will hear an apology instead. A box that still holds messages cannot be deleted: delete them in the inbox first."
            confirmLabel="Delete box"
            destructive
            pending={remove.isPending}
            onConfirm={() => remove.mutate({ id: box.id })}
          />
        </CardFooter>
      )}
    </Card>
  );
}

export function VoicemailBoxesPanel() {
  const trpc = useTRPC();
  const role = useQuery(trpc.tenant.current.queryOptions()).data?.role ?? "AGENT";
  const canManage = atLeast(role, "ADMIN");
  const boxes = useQuery(trpc.voicemail.boxes.queryOptions({ limit: 100 }));
  const newBox = (
    <VoicemailBoxDialog
      trigger={
        <Button>
          <PlusIcon /> New box
        </Button>
      }
    />
  );
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Voicemail"
        description="Each box has its greeting, a longest message and who is emailed. Reach a box from a call by redirecting to its address, e.g. { &quot;redirect&quot;: &quot;irisx:voicemail/…&quot; }."
        actions={canManage ? newBox : undefined}
      />
      <VoicemailNav current="/voicemail/boxes" />
      <QueryStates
        query={boxes}
        what="voicemail boxes"
        isEmpty={(p) => p.items.length === 0}
        empty={
          <EmptyState
            icon={VoicemailIcon}
            title="No voicemail boxes yet"
            description={canManage ? "Create a box, then send callers to it from a number's voice document or a flow." : "An admin creates voicemail boxes."}
            action={canManage ? newBox : undefined}
          />
        }
      >
        {(page) => (
          <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-2">
            {page.items.map((box) => (
              <BoxCard key={box.id} box={box} canManage={canManage} />
            ))}
          </div>
        )}
      </QueryStates>
    </div>
  );
}
