"use client";

// The agent's call as the server knows it (agents.me), shown when this page has no SIP session of its own: after a
// reload during a call (while the page gets the call back: use-reattach.ts), or with the line in another tab.
// Wrap-up's form is the status bar's (agent-status-bar.tsx); this names the call it is for.
import type { inferRouterOutputs } from "@trpc/server";
import { PhoneCallIcon } from "lucide-react";
import { AGENT_STATE_LABEL, TimeSince } from "@/components/shared/agent-state";
import type { AppRouter } from "@/trpc/routers/_app";

type MyAgent = inferRouterOutputs<AppRouter>["agents"]["me"];

export function ServerCallNotice({ agent, reattach }: { agent: MyAgent; reattach?: { pending: boolean; failed: string | null } }) {
  const call = agent.currentCall;
  if (!call || !["ringing", "on-call", "wrap-up"].includes(agent.state)) return null;
  const note =
    agent.state === "wrap-up"
      ? "The call has ended: finish its wrap-up above."
      : agent.state === "ringing"
        ? "The call is offered to you; it rings in the tab that holds your line."
        : reattach?.pending
          ? "Getting the call back to this page…"
          : reattach?.failed
            ? `The call goes on at the switch, but it could not be brought back here: ${reattach.failed}`
            : "The call goes on at the switch, but its sound is not in this page (it was reloaded or the line is in another tab).";
  return (
    <div className="flex gap-3 rounded-lg border bg-muted/40 p-3" data-testid="softphone-server-call" role="status">
      <PhoneCallIcon className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden />
      <div className="min-w-0 space-y-0.5">
        <div className="text-xs font-medium uppercase tracking-wide text-muted-foreground">
          {AGENT_STATE_LABEL[agent.state]} · <TimeSince since={agent.stateSince} />
        </div>
        <div className="truncate text-lg font-semibold">{call.remote}</div>
        <div className="text-sm text-muted-foreground">
          {call.direction === "inbound" ? "Inbound" : "Outbound"}
          {call.queueName ? ` · queue ${call.queueName}` : ""}
        </div>
        <p className="text-xs text-muted-foreground">{note}</p>
      </div>
    </div>
  );
}
