"use client";

// /admin/broadcasts/[id]: a draft opens in the composer; once sent, its progress, its counts by status, the message
// and every recipient's delivery status, refreshed while it is sending. Operators cancel it from here.
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { ArrowLeftIcon, CircleAlertIcon } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { BroadcastComposer } from "@/components/admin/broadcasts/broadcast-composer";
import { BroadcastRecipientsTable } from "@/components/admin/broadcasts/broadcast-recipients-table";
import { BroadcastProgress, BroadcastStatusBadge, type BroadcastCounts } from "@/components/admin/broadcasts/broadcast-status";
import { EmailPreview } from "@/components/admin/broadcasts/email-preview";
import { useStaffCan } from "@/components/admin/use-staff-role";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { QueryStates } from "@/components/shared/query-states";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatRelative } from "@/lib/format";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

type Broadcast = inferRouterOutputs<AppRouter>["admin"]["broadcasts"]["get"];

/** Fast while it sends; slower after, while Resend's delivery reports come in; not at all for a draft. */
function refreshEvery(status: Broadcast["status"] | undefined): number | false {
  return status === "SENDING" ? 3_000 : status === "SENT" || status === "CANCELLED" ? 15_000 : false;
}

export function BackToBroadcasts() {
  return (
    <Button asChild variant="ghost" size="sm" className="-ml-2 w-fit">
      <Link href="/admin/broadcasts">
        <ArrowLeftIcon aria-hidden="true" /> Broadcasts
      </Link>
    </Button>
  );
}

function CancelButton({ broadcast, label }: { broadcast: Broadcast; label: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const cancel = useToastMutation(trpc.admin.broadcasts.cancel.mutationOptions(), {
    success: (r) => (r.recipientsCancelled > 0 ? `Cancelled: ${r.recipientsCancelled} not sent` : "Cancelled"),
    invalidate: [trpc.admin.broadcasts.pathKey()],
  });
  if (!useStaffCan("OPERATOR")) return null;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button variant="outline">{label}</Button>}
      title={broadcast.status === "DRAFT" ? "Discard this draft?" : "Cancel this broadcast?"}
      description={broadcast.status === "DRAFT" ? "It will never be sent." : `The ${broadcast.counts.queued.toLocaleString("en")} recipients not yet mailed are skipped. Mail already sent stays sent.`}
      confirmLabel={label}
      destructive
      pending={cancel.isPending}
      onConfirm={() => cancel.mutate({ broadcastId: broadcast.id }, { onSettled: () => setOpen(false) })}
    />
  );
}

function Tile({ label, value, hint }: { label: string; value: number; hint?: string }) {
  return (
    <div className="rounded-lg border p-3" title={hint}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">{value.toLocaleString("en")}</dd>
    </div>
  );
}

function CountTiles({ counts }: { counts: BroadcastCounts }) {
  const waiting = counts.queued + counts.sending;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Recipients by status">
      <Tile label="Recipients" value={counts.total} />
      <Tile label="Delivered" value={counts.delivered} hint="the receiving server took it" />
      <Tile label="Sent, not yet reported" value={counts.sent + counts.delayed} hint="Resend took it; delivery not reported yet (delayed ones included)" />
      <Tile label="Waiting" value={waiting} hint="queued or in a request now" />
      <Tile label="Bounced" value={counts.bounced} />
      <Tile label="Complained" value={counts.complained} hint="marked as spam" />
      <Tile label="Failed" value={counts.failed} />
      <Tile label="Cancelled" value={counts.cancelled} />
    </dl>
  );
}

function Sent({ broadcast }: { broadcast: Broadcast }) {
  const trpc = useTRPC();
  const message = useQuery(trpc.admin.broadcasts.preview.queryOptions({ subject: broadcast.subject, bodyMarkdown: broadcast.bodyMarkdown, segment: broadcast.segment }, { staleTime: Infinity }));
  const sending = broadcast.status === "SENDING";
  const who = (p: Broadcast["sentBy"]) => (p ? `${p.name} (${p.email})` : "someone no longer on the staff");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={<span className="block whitespace-normal break-words">{broadcast.subject}</span>}
        className="pb-0"
        actions={sending ? <CancelButton broadcast={broadcast} label="Cancel broadcast" /> : undefined}
      >
        <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <BroadcastStatusBadge status={broadcast.status} />
          <span>
            sent by {who(broadcast.sentBy)} {broadcast.sendStartedAt ? formatRelative(broadcast.sendStartedAt) : ""}
            {broadcast.completedAt && broadcast.status === "SENT" ? `, finished ${formatDateTime(broadcast.completedAt)}` : ""}
            {broadcast.status === "CANCELLED" ? `, cancelled by ${who(broadcast.cancelledBy)}` : ""}
          </span>
        </div>
      </PageHeader>
      {sending && broadcast.lastError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden="true" />
          <AlertTitle>Resend did not take the last request</AlertTitle>
          <AlertDescription>
            {broadcast.lastError}. {broadcast.nextAttemptAt ? `Trying again ${formatRelative(broadcast.nextAttemptAt)}.` : ""}
          </AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Progress</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <BroadcastProgress counts={broadcast.counts} />
          <CountTiles counts={broadcast.counts} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Recipients</CardTitle>
        </CardHeader>
        <CardContent>
          <BroadcastRecipientsTable broadcastId={broadcast.id} refreshEvery={refreshEvery(broadcast.status)} />
        </CardContent>
      </Card>
      <details className="group rounded-xl border">
        <summary className="cursor-pointer px-6 py-4 font-semibold outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">Message</summary>
        <div className="px-6 pb-6">
          <EmailPreview preview={message.data} />
        </div>
      </details>
    </div>
  );
}

export function BroadcastPage({ broadcastId }: { broadcastId: string }) {
  const trpc = useTRPC();
  const broadcast = useQuery(trpc.admin.broadcasts.get.queryOptions({ broadcastId }, { refetchInterval: (q) => refreshEvery(q.state.data?.status) }));
  let body: (b: Broadcast) => ReactNode = (b) => <Sent broadcast={b} />;
  if (broadcast.data?.status === "DRAFT") {
    body = (b) => (
      <div className="flex flex-col gap-6">
        <PageHeader title="Draft broadcast" description={`Written by ${b.createdBy?.name ?? "staff"} ${formatRelative(b.createdAt)}. Nothing is sent until you send it.`} className="pb-0" actions={<CancelButton broadcast={b} label="Discard draft" />} />
        <BroadcastComposer broadcastId={b.id} initial={{ subject: b.subject, bodyMarkdown: b.bodyMarkdown, segment: b.segment }} />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <BackToBroadcasts />
      <QueryStates query={broadcast} what="the broadcast">
        {body}
      </QueryStates>
    </div>
  );
}
