"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiTrafficCard } from "@/components/admin/health/api-traffic-card";
import { HealthHistoryCard } from "@/components/admin/health/health-history-card";
import { RecentFailuresCard } from "@/components/admin/health/recent-failures-card";
import { QueryStates } from "@/components/shared/query-states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useTRPC } from "@/trpc/react";

const REFRESH_MS = 5_000;

function State({ ok, label }: { ok: boolean | null; label: string }) {
  return <Badge variant={ok === null ? "outline" : ok ? "success" : "destructive"}>{label}</Badge>;
}

function Tile({ title, state, children }: { title: string; state: React.ReactNode; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle className="text-base">{title}</CardTitle>
        {state}
      </CardHeader>
      <CardContent className="text-sm text-muted-foreground">{children}</CardContent>
    </Card>
  );
}

/** The platform's parts at a glance, refreshed every 5 seconds; its history, API traffic and latest failures below. */
export function SystemHealthPanel() {
  const trpc = useTRPC();
  const report = useQuery(trpc.admin.health.queryOptions(undefined, { refetchInterval: REFRESH_MS }));
  return (
    <QueryStates query={report} what="system health">
      {({ health, api, liveCalls, webhooksLastHour }) => (
        <div className="flex flex-col gap-4">
          <p className="text-sm text-muted-foreground" aria-live="polite">
            Overall <State ok={health.status === "ok" ? true : health.status === "down" ? false : null} label={health.status} /> · checked {new Date(health.checkedAt).toLocaleTimeString()} · refreshes every 5 s
          </p>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Tile title="Database" state={<State ok={health.database.status === "up"} label={health.database.status} />}>
              {health.database.latencyMs !== null ? `${health.database.latencyMs} ms to answer` : health.database.error}
            </Tile>
            <Tile title="Workers" state={<State ok={health.workers.status === "up"} label={health.workers.status} />}>
              {health.workers.fresh} with a fresh heartbeat
              <ul className="mt-2 grid gap-1">
                {health.workers.instances.map((w) => (
                  <li key={w.id} className="flex items-center gap-2 font-mono text-xs">
                    <State ok={w.fresh} label={w.fresh ? "fresh" : "stale"} /> {w.hostname} · {w.switchId} · {w.linkState}
                  </li>
                ))}
              </ul>
            </Tile>
            <Tile title="Switch link" state={<State ok={health.switchLink.status === "up" ? true : health.switchLink.status === "down" ? false : null} label={health.switchLink.status} />}>
              {health.switchLink.connectedWorkers} worker{health.switchLink.connectedWorkers === 1 ? "" : "s"} connected to FreeSWITCH
            </Tile>
            <Tile title="Live calls" state={<Badge variant="outline">{liveCalls ? liveCalls.queued + liveCalls.ringing + liveCalls.inProgress : "—"}</Badge>}>
              {liveCalls ? `${liveCalls.inProgress} talking, ${liveCalls.ringing} ringing, ${liveCalls.queued} queued` : "unknown while the database is down"}
            </Tile>
            <Tile title="Webhooks, last hour" state={<State ok={webhooksLastHour?.failureRate == null ? null : webhooksLastHour.failureRate < 0.05} label={webhooksLastHour?.failureRate == null ? "no deliveries" : `${(webhooksLastHour.failureRate * 100).toFixed(1)}% failed`} />}>
              {webhooksLastHour ? `${webhooksLastHour.succeeded} delivered, ${webhooksLastHour.failed} failed, ${webhooksLastHour.retrying} retrying` : "unknown"}
            </Tile>
            <Tile title="Jobs and outbox" state={<State ok={health.jobs.status === "ok" && health.outbox.status === "ok"} label={`${health.jobs.engine} engine`} />}>
              {health.jobs.dueDeliveries ?? "?"} deliveries due{health.jobs.oldestDueSeconds ? `, oldest ${health.jobs.oldestDueSeconds} s late` : ""}; outbox {health.outbox.unpublished ?? "?"} unpublished
            </Tile>
          </div>
          <HealthHistoryCard />
          {/* minmax(0, 1fr): a wide table scrolls inside its card instead of widening the page on a phone. */}
          <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
            <RecentFailuresCard />
            <ApiTrafficCard api={api} />
          </div>
          <CardDescription>Details and the same figures for machines: /api/health and /api/metrics.</CardDescription>
        </div>
      )}
    </QueryStates>
  );
}
