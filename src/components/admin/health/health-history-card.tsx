"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { QueryStates } from "@/components/shared/query-states";
import { chartAxisProps, chartGridProps, chartTooltipStyle, formatUtcDayTime, formatUtcTime } from "@/components/shared/chart-theme";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

type History = inferRouterOutputs<AppRouter>["admin"]["healthHistory"];
type Bucket = History["buckets"][number];
type Range = History["range"];

const REFRESH_MS = 60_000;
const BAND = {
  ok: { label: "ok", className: "bg-success" },
  degraded: { label: "degraded", className: "bg-warning" },
  down: { label: "down", className: "bg-destructive" },
  none: { label: "no sample", className: "bg-muted-foreground/25" },
} as const;

/** The band of each bucket as a strip of colour, oldest on the left; hovering one says when, what and why. */
function BandStrip({ history }: { history: History }) {
  const { minutes } = history;
  const sampled = minutes.ok + minutes.degraded + minutes.down;
  const okShare = sampled === 0 ? null : (minutes.ok / sampled) * 100;
  const at = history.range === "24h" ? formatUtcTime : formatUtcDayTime;
  const summary = `${okShare === null ? "no samples yet" : `ok ${okShare.toFixed(1)}% of sampled minutes`} · degraded ${minutes.degraded} min · down ${minutes.down} min · no sample ${minutes.none} min`;
  return (
    <div className="flex flex-col gap-2">
      <div role="img" aria-label={`Status history: ${summary}`} className="flex h-8 w-full overflow-hidden rounded-md border">
        {history.buckets.map((b) => (
          <div
            key={b.start.toISOString()}
            className={cn("h-full flex-1", BAND[b.band].className)}
            title={`${at(b.start)} UTC · ${BAND[b.band].label}${b.reasons.length > 0 ? `: ${b.reasons.join(", ")}` : ""}`}
          />
        ))}
      </div>
      <div className="flex justify-between text-xs text-muted-foreground">
        <span>{at(history.from)} UTC</span>
        <span>now</span>
      </div>
      <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
        {Object.values(BAND).map((b) => (
          <span key={b.label} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={cn("size-2.5 rounded-sm", b.className)} /> {b.label}
          </span>
        ))}
        <span>{summary}</span>
      </p>
    </div>
  );
}

interface Series {
  key: keyof Bucket;
  name: string;
  color: string;
  /** The bucket's value as charted (a rate as a percentage). */
  value?: (b: Bucket) => number | null;
}

/** One figure over the range; a bucket with no sample is a gap. */
function HistoryChart({ title, history, series, unit }: { title: string; history: History; series: Series[]; unit: string }) {
  const at = history.range === "24h" ? formatUtcTime : formatUtcDayTime;
  const data = history.buckets.map((b) => ({ label: at(b.start), ...Object.fromEntries(series.map((s) => [s.key, s.value ? s.value(b) : b[s.key]])) }));
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-sm font-medium">{title}</h3>
      <div className="h-32">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
            <CartesianGrid {...chartGridProps} />
            <XAxis dataKey="label" {...chartAxisProps} minTickGap={40} />
            <YAxis {...chartAxisProps} width={48} />
            <Tooltip contentStyle={chartTooltipStyle} formatter={(value) => `${Math.round(Number(value) * 100) / 100}${unit}`} />
            {series.map((s) => (
              <Area key={s.key} type="monotone" dataKey={s.key} name={s.name} stroke={s.color} fill={s.color} fillOpacity={0.15} isAnimationActive={false} />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

const percentOf = (rate: number | null) => (rate === null ? null : rate * 100);

/** What the bands mean, from the rule's own thresholds. */
function Thresholds({ t }: { t: History["thresholds"] }) {
  const pct = (rate: number) => `${rate * 100}%`;
  return (
    <>
      {" "}
      Degraded: database slower than {t.databaseLatencyMs} ms, no worker or switch link, outbox over {t.outboxLagSeconds} s behind, over {pct(t.webhookFailureRate)} of webhooks
      or {pct(t.apiErrorRate)} of API requests failing, or API p95 over {t.apiP95Ms / 1000} s. Down: database down, or {pct(t.apiErrorRateDown)} of API requests failing
      (rates over {t.minApiRequests} requests or more).
    </>
  );
}

/** The status of the platform minute by minute over the last 24 hours or 7 days, and its figures. */
export function HealthHistoryCard() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>("24h");
  const history = useQuery(trpc.admin.healthHistory.queryOptions({ range }, { refetchInterval: REFRESH_MS, placeholderData: keepPreviousData }));
  return (
    <Card className="gap-4">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="flex flex-col gap-1.5">
          <CardTitle className="text-base">Status history</CardTitle>
          <CardDescription>
            A sample a minute, kept 7 days; each bar is {range === "24h" ? "5 minutes" : "30 minutes"} at its worst (times in UTC).
            {history.data && <Thresholds t={history.data.thresholds} />}
          </CardDescription>
        </div>
        <Tabs value={range} onValueChange={(v) => setRange(v as Range)}>
          <TabsList aria-label="History range">
            <TabsTrigger value="24h">24 hours</TabsTrigger>
            <TabsTrigger value="7d">7 days</TabsTrigger>
          </TabsList>
        </Tabs>
      </CardHeader>
      <CardContent>
        <QueryStates query={history} what="the status history" loading={<Skeleton className="h-48 w-full" />}>
          {(h) => (
            <div className="flex flex-col gap-6">
              <BandStrip history={h} />
              <div className="grid gap-6 sm:grid-cols-2 xl:grid-cols-3">
                <HistoryChart title="Database latency (worst)" history={h} unit=" ms" series={[{ key: "databaseLatencyMs", name: "Latency", color: "var(--chart-1)" }]} />
                <HistoryChart title="Live calls (peak)" history={h} unit="" series={[{ key: "liveCalls", name: "Live calls", color: "var(--chart-2)" }]} />
                <HistoryChart
                  title="Workers and switch links (fewest)"
                  history={h}
                  unit=""
                  series={[
                    { key: "workersFresh", name: "Workers", color: "var(--chart-1)" },
                    { key: "switchLinksUp", name: "Switch links up", color: "var(--chart-3)" },
                  ]}
                />
                <HistoryChart title="API 5xx rate" history={h} unit="%" series={[{ key: "apiErrorRate", name: "5xx", color: "var(--destructive)", value: (b) => percentOf(b.apiErrorRate) }]} />
                <HistoryChart title="API p95 latency (worst)" history={h} unit=" ms" series={[{ key: "apiP95Ms", name: "p95", color: "var(--chart-4)" }]} />
                <HistoryChart
                  title="Webhook failure rate"
                  history={h}
                  unit="%"
                  series={[{ key: "webhookFailureRate", name: "Failed", color: "var(--chart-5)", value: (b) => percentOf(b.webhookFailureRate) }]}
                />
                <HistoryChart title="Outbox backlog (largest)" history={h} unit=" events" series={[{ key: "outboxBacklog", name: "Unpublished", color: "var(--chart-2)" }]} />
              </div>
            </div>
          )}
        </QueryStates>
      </CardContent>
    </Card>
  );
}
