"use client";

// The agent's recent calls on /desktop (agents.myCalls): who (the contact's name, else the number), which way, the
// queue, when, how long, answered or missed, and the wrap-up's disposition and notes. Call back fills the softphone's
// dial form. Newest first, more on demand; refreshed when the agent's state changes (a call ends, wrap-up is saved).
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { HistoryIcon, PhoneIncomingIcon, PhoneMissedIcon, PhoneOutgoingIcon } from "lucide-react";
import { useEffect } from "react";
import { formatDuration } from "@/components/shared/agent-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useTRPC } from "@/trpc/react";
import { requestDial } from "./softphone/dial-request";

function when(at: Date | string): string {
  const d = new Date(at);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : d.toLocaleDateString([], { month: "short", day: "numeric" });
}

const OUTCOME: Record<string, { label: string; variant: "default" | "secondary" | "destructive" | "outline" }> = {
  answered: { label: "Answered", variant: "secondary" },
  missed: { label: "Missed", variant: "destructive" },
  completed: { label: "Completed", variant: "secondary" },
  "no-answer": { label: "No answer", variant: "outline" },
  busy: { label: "Busy", variant: "outline" },
  failed: { label: "Failed", variant: "destructive" },
  ringing: { label: "Ringing", variant: "outline" },
  live: { label: "Live", variant: "default" },
};

export function CallHistory() {
  const trpc = useTRPC();
  const calls = useInfiniteQuery(trpc.agents.myCalls.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (page) => page.nextCursor }));
  // The agent's state (kept live by the desktop's feed) moves as calls ring, end and are wrapped up: read again then.
  const state = useQuery(trpc.agents.me.queryOptions()).data?.state;
  const { refetch } = calls;
  useEffect(() => {
    if (state) void refetch();
  }, [state, refetch]);
  const rows = calls.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card data-testid="call-history">
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle className="flex items-center gap-2 text-base">
          <HistoryIcon className="size-4" aria-hidden /> Recent calls
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-1">
        {calls.isSuccess && rows.length === 0 ? (
          <EmptyState icon={<HistoryIcon />} title="No calls yet" description="Calls you take or place show here, with your notes." className="py-6" />
        ) : (
          <ul className="flex flex-col divide-y" aria-label="Recent calls">
            {rows.map((r) => {
              const Icon = r.outcome === "missed" ? PhoneMissedIcon : r.direction === "outbound" ? PhoneOutgoingIcon : PhoneIncomingIcon;
              const outcome = OUTCOME[r.outcome] ?? OUTCOME.completed!;
              return (
                <li key={r.id} className="flex items-start gap-3 py-2 text-sm" data-testid="call-history-row">
                  <Icon className={`mt-0.5 size-4 shrink-0 ${r.outcome === "missed" ? "text-destructive" : "text-muted-foreground"}`} aria-label={r.direction} />
                  <div className="min-w-0 flex-1">
                    <div className="flex items-center gap-2">
                      <span className="truncate font-medium">{r.contact?.name ?? r.number}</span>
                      <Badge variant={outcome.variant}>{outcome.label}</Badge>
                    </div>
                    <div className="truncate text-xs text-muted-foreground">
                      {r.contact ? `${r.number} · ` : ""}
                      {when(r.startedAt)}
                      {r.durationSeconds > 0 ? ` · ${formatDuration(r.durationSeconds)}` : ""}
                      {r.queueName ? ` · ${r.queueName}` : ""}
                    </div>
                    {(r.disposition || r.notes) && (
                      <div className="mt-0.5 truncate text-xs" title={r.notes ?? undefined}>
                        {r.disposition && <span className="font-medium">{r.disposition}</span>}
                        {r.disposition && r.notes ? " — " : ""}
                        {r.notes}
                      </div>
                    )}
                  </div>
                  {r.number.startsWith("+") && (
                    <Button size="sm" variant="ghost" onClick={() => requestDial(r.number)} aria-label={`Call back ${r.contact?.name ?? r.number}`}>
                      <PhoneOutgoingIcon />
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {calls.hasNextPage && (
          <Button variant="outline" size="sm" onClick={() => calls.fetchNextPage()} disabled={calls.isFetchingNextPage}>
            {calls.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
