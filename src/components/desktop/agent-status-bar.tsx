"use client";

// The agent's presence at the top of the desktop: their state as the server holds it (agents.me, kept live by
// agents.onChange), time in it, a select to go available, away (with a reason of the tenant's) or offline, and in
// wrap-up a panel to finish it: countdown, disposition (required when the queue says so), notes, Done.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useState, type FormEvent } from "react";
import { AgentStateChip, formatDuration, LiveBadge, TimeSince, useNow } from "@/components/shared/agent-state";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { nativeSelectClass } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";

const selectClass = nativeSelectClass;

function useMyAgent() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.agents.me.queryOptions());
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.agents.me.queryKey() }), [queryClient, trpc]);
  const sub = useSubscription(trpc.agents.onChange.subscriptionOptions(undefined, { onStarted: refresh, onData: refresh }));
  const live = sub.status === "pending" ? "live" : sub.status === "error" ? "offline" : "connecting";
  return { me, live } as const;
}

function WrapUpPanel({ wrapUpUntil }: { wrapUpUntil: Date | null }) {
  const trpc = useTRPC();
  const now = useNow();
  const dispositions = useQuery(trpc.contactCentre.list.queryOptions({ kind: "disposition" }));
  const [dispositionId, setDispositionId] = useState("");
  const [notes, setNotes] = useState("");
  const [error, setError] = useState<string | undefined>();
  const done = useToastMutation(trpc.agents.endWrapUp.mutationOptions(), { success: "Wrap-up done", invalidate: [trpc.agents.me.queryKey()], error: false });
  function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    done.mutate(
      { dispositionId: dispositionId || null, notes },
      {
        onError: (err) => {
          const fields = (err.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
          const first = fields?.dispositionId?.[0];
          setError(first ? first.replace(/^dispositionId: /, "") : err.message);
        },
      },
    );
  }
  const left = wrapUpUntil ? Math.max(0, (wrapUpUntil.getTime() - now) / 1000) : null;
  return (
    <form onSubmit={submit} aria-label="Wrap-up" className="grid gap-3 rounded-lg border border-violet-300 bg-violet-50 p-3 sm:grid-cols-[14rem_1fr_auto] sm:items-end dark:border-violet-800 dark:bg-violet-950/40">
      <FormField label="Disposition" error={error} htmlFor="wrap-disposition">
        <select className={selectClass} value={dispositionId} onChange={(e) => setDispositionId(e.target.value)}>
          <option value="">{dispositions.data?.length === 0 ? "No codes defined" : "Choose…"}</option>
          {dispositions.data?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.code})
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Notes" htmlFor="wrap-notes">
        <Textarea rows={1} className="min-h-9" value={notes} onChange={(e) => setNotes(e.target.value)} />
      </FormField>
      <div className="flex items-center gap-3">
        {left !== null && (
          <span className="text-sm tabular-nums text-muted-foreground" aria-live="off">
            ends in {formatDuration(left)}
          </span>
        )}
        <Button type="submit" disabled={done.isPending}>
          Done
        </Button>
      </div>
    </form>
  );
}

export function AgentStatusBar() {
  const trpc = useTRPC();
  const { me, live } = useMyAgent();
  const reasons = useQuery(trpc.contactCentre.list.queryOptions({ kind: "awayReason" }));
  // One presence: the inbox's round-robin reads this same agent state on the server, so nothing is synced from here.
  const set = useToastMutation(trpc.agents.setState.mutationOptions(), { invalidate: [trpc.agents.me.queryKey(), trpc.inbox.availability.queryKey()] });
  if (!me.data) {
    return <div className="h-9 text-sm text-muted-foreground">{me.error ? me.error.message : "Loading your status…"}</div>;
  }
  const agent = me.data;
  const busy = agent.state === "ringing" || agent.state === "on-call" || agent.state === "wrap-up";
  const value = agent.state === "away" ? `away:${agent.awayReasonId ?? ""}` : busy ? "" : agent.state;
  const reasonName = reasons.data?.find((r) => r.id === agent.awayReasonId)?.name;
  function change(v: string) {
    if (v.startsWith("away:")) set.mutate({ state: "away", awayReasonId: v.slice(5) || null });
    else set.mutate({ state: v as "available" | "offline" });
  }
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <AgentStateChip state={agent.state} reason={reasonName} className="text-sm" />
        <TimeSince since={agent.stateSince} className="text-sm text-muted-foreground" />
        <label htmlFor="agent-status" className="sr-only">
          Your status
        </label>
        <select id="agent-status" className={cn(selectClass, "min-w-44")} value={value} disabled={busy || set.isPending} onChange={(e) => change(e.target.value)}>
          {busy && <option value="">{agent.state === "wrap-up" ? "In wrap-up" : "On a call"}</option>}
          <option value="available">Available</option>
          <option value="away:">Away</option>
          {reasons.data?.map((r) => (
            <option key={r.id} value={`away:${r.id}`}>
              Away: {r.name}
            </option>
          ))}
          <option value="offline">Offline</option>
        </select>
        {!agent.registered && agent.state !== "offline" && <span className="text-xs text-muted-foreground">Softphone not registered: calls cannot reach you</span>}
        <span className="ml-auto">
          <LiveBadge live={live} />
        </span>
      </div>
      {agent.state === "wrap-up" && <WrapUpPanel wrapUpUntil={agent.wrapUpUntil} />}
    </div>
  );
}
