"use client";

import { Fact } from "@/components/shared/fact";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, ArrowRightIcon, PhoneOffIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { QueryStates } from "@/components/shared/query-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { CALL_DIRECTION_LABEL, CallStatusBadge, formatCallDuration, isFinalCall, isLiveCall } from "@/components/portal/calls/call-status";
import { CallTimeline } from "@/components/portal/calls/call-timeline";
import { CallRecordings } from "@/components/portal/calls/call-recordings";
import { CallWebhookDeliveries } from "@/components/portal/calls/call-webhook-deliveries";
import { CallErrors } from "@/components/portal/debugger/call-errors";
import { LiveIndicator } from "@/components/portal/calls/live-indicator";
import type { CallRow } from "@/components/portal/calls/types";
import { useLiveCalls } from "@/components/portal/calls/use-live-calls";
import { atLeast } from "@/components/portal/role-labels";
import { formatDateTime, formatMoney } from "@/lib/format";
import { formatPhoneNumber } from "@/lib/phone";
import { useTRPC } from "@/trpc/react";

/** Seconds since `since`, ticking once a second while `running`. */
function useElapsed(since: Date | null, running: boolean): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);
  return since ? Math.max(0, Math.floor((now - since.getTime()) / 1000)) : null;
}

function EndCallButton({ call }: { call: CallRow }) {
  const trpc = useTRPC();
  const answered = call.status === "IN_PROGRESS";
  const end = useToastMutation(trpc.calls.update.mutationOptions(), {
    success: answered ? "Hanging up" : "Canceling the call",
    invalidate: [trpc.calls.get.queryKey({ callId: call.id }), trpc.calls.events.queryKey({ callId: call.id })],
  });
  if (isFinalCall(call.status)) return null;
  if (call.endRequestedAt) {
    return (
      <Button variant="outline" disabled>
        {answered ? "Hanging up…" : "Canceling…"}
      </Button>
    );
  }
  return (
    <Button variant="outline" className="text-destructive hover:text-destructive" disabled={end.isPending} onClick={() => end.mutate({ callId: call.id, status: answered ? "completed" : "canceled" })}>
      <PhoneOffIcon /> {answered ? "Hang up" : "Cancel call"}
    </Button>
  );
}

const VERB_LABELS: Record<string, string> = { gather: "Gather", dial: "Dial", record: "Record", redirect: "Redirect", reject: "Reject", sendDigits: "Send digits", enqueue: "Enqueue", leave: "Leave", refer: "Refer", connect: "Connect", start: "Start", stop: "Stop" };

/** A verb's name as a TwiML author knows it (`{ gather: [...] }` → Gather). */
function verbLabel(verb: object): string {
  const name = Object.keys(VERB_LABELS).find((n) => n in verb);
  return name ? VERB_LABELS[name]! : "Verb";
}

function instructionText(call: CallRow): string | null {
  if (call.url) return `Fetches instructions from ${call.url}`;
  if (call.flowId) return `Runs flow ${call.flowId}`;
  if (!call.instructions?.length) return null;
  return call.instructions
    .map((i) => ("say" in i ? `Say “${i.say}”` : "play" in i ? `Play ${i.play}` : "pause" in i ? `Pause ${i.pause} s` : "hangup" in i ? "Hang up" : verbLabel(i)))
    .join(" · ");
}

function Summary({ call }: { call: CallRow }) {
  const live = isLiveCall(call.status);
  const talking = useElapsed(call.answeredAt, call.status === "IN_PROGRESS");
  const duration = call.durationSeconds ?? (call.status === "IN_PROGRESS" ? talking : null);
  return (
    <Card>
      <CardContent>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <Fact label="Direction">{CALL_DIRECTION_LABEL[call.direction]}</Fact>
          <Fact label={call.status === "IN_PROGRESS" ? "Talking for" : "Duration"}>{formatCallDuration(duration)}</Fact>
          <Fact label="Cost">{call.priceMicros === null ? (live || call.status === "QUEUED" ? "When it ends" : "—") : formatMoney(call.priceMicros, call.currency)}</Fact>
          <Fact label="Created">{formatDateTime(call.createdAt)}</Fact>
          <Fact label="Answered">{call.answeredAt ? formatDateTime(call.answeredAt) : "—"}</Fact>
          <Fact label="Ended">{call.endedAt ? formatDateTime(call.endedAt) : "—"}</Fact>
        </dl>
      </CardContent>
    </Card>
  );
}

function CallRecordCard({ call }: { call: CallRow }) {
  const ended = isFinalCall(call.status);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Call record</CardTitle>
        <CardDescription>{ended ? "Written once when the call ended." : "Filled in when the call ends."}</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-2 gap-4">
          <Fact label="Billable seconds (billsec)">{call.billsec ?? "—"}</Fact>
          <Fact label="Total seconds">{call.durationSeconds ?? "—"}</Fact>
          <Fact label="Hangup cause">{call.hangupCause ? <code className="font-mono text-xs">{call.hangupCause}</code> : "—"}</Fact>
          <Fact label="SIP status">{call.sipStatus ?? "—"}</Fact>
          <Fact label="Answered by">{call.answeredBy ?? "—"}</Fact>
          <Fact label="Cost">{call.priceMicros === null ? "—" : formatMoney(call.priceMicros, call.currency)}</Fact>
          <Fact label="Switch">{call.switchId ?? "—"}</Fact>
          <Fact label="Recording">{call.record ? "Requested" : "Off"}</Fact>
        </dl>
      </CardContent>
    </Card>
  );
}

export function CallDetail({ callId }: { callId: string }) {
  const trpc = useTRPC();
  const call = useQuery(trpc.calls.get.queryOptions({ callId }));
  const events = useQuery(trpc.calls.events.queryOptions({ callId }));
  const overview = useQuery(trpc.tenant.current.queryOptions());
  const role = overview.data?.role ?? "AGENT";
  const live = useLiveCalls(callId);

  const back = (
    <Link href="/calls" className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeftIcon className="size-4" /> Calls
    </Link>
  );
  if (call.isPending) {
    return (
      <div className="flex flex-col gap-6">
        {back}
        <Skeleton className="h-10 w-80" />
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (call.isError) {
    return (
      <div className="flex flex-col gap-3">
        {back}
        <p className="text-sm text-destructive">{call.error.data?.code === "NOT_FOUND" ? "This call does not exist." : call.error.message}</p>
      </div>
    );
  }
  const c = call.data;
  const canEnd = atLeast(role, "SUPERVISOR") || role === "DEVELOPER";
  const instructions = instructionText(c);
  return (
    <div className="flex flex-col gap-6">
      {back}
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1 tabular-nums">
            <span>{formatPhoneNumber(c.from)}</span>
            <ArrowRightIcon aria-label="to" className="size-5 text-muted-foreground" />
            <span>{formatPhoneNumber(c.to)}</span>
          </span>
        }
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <CallStatusBadge status={c.status} />
            {c.endRequestedAt && !isFinalCall(c.status) && <Badge variant="outline">End requested</Badge>}
            <code className="font-mono text-xs">{c.id}</code>
            <LiveIndicator state={live} />
          </span>
        }
        actions={canEnd && !isFinalCall(c.status) ? <EndCallButton call={c} /> : undefined}
        className="pb-0"
      />
      {c.status === "QUEUED" && (
        <p className="rounded-md border border-dashed p-3 text-sm text-muted-foreground">
          Queued: waiting for a worker to place it on a switch. This page updates by itself as the call moves on.
        </p>
      )}
      <Summary call={c} />
      {instructions && (
        <p className="text-sm text-muted-foreground">
          <span className="font-medium text-foreground">On answer: </span>
          {instructions}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Timeline</CardTitle>
            <CardDescription>Status changes and switch events, in order.</CardDescription>
          </CardHeader>
          <CardContent>
            <QueryStates query={events} what="the timeline" isEmpty={(list) => list.length === 0} empty={<p className="text-sm text-muted-foreground">No events yet.</p>}>
              {(list) => <CallTimeline events={list} />}
            </QueryStates>
          </CardContent>
        </Card>
        <CallRecordCard call={c} />
      </div>
      {/* As the procedures decide: errors and recordings for supervisors and developers up, deliveries for admins and developers. */}
      {canEnd && <CallErrors callId={c.id} live={!isFinalCall(c.status)} />}
      {canEnd && (c.record || c.recordingIds.length > 0) && <CallRecordings call={c} />}
      {(atLeast(role, "ADMIN") || role === "DEVELOPER") && <CallWebhookDeliveries call={c} />}
    </div>
  );
}
