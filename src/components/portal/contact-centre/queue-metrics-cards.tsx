"use client";

// A queue's live numbers and today's, with answered vs abandoned by hour (local time).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartAxisProps, chartGridProps, chartTooltipStyle } from "@/components/shared/chart-theme";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDuration } from "@/components/shared/agent-state";
import type { QueueMetrics } from "@/components/portal/contact-centre/types";

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit" });
const pct = (v: number | null) => (v === null ? "—" : `${v}%`);
const secs = (v: number | null) => (v === null ? "—" : formatDuration(v));

function Stat({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <div className="rounded-lg border p-3">
      <div className="text-xs text-muted-foreground">{label}</div>
      <div className="text-2xl font-semibold tabular-nums">{value}</div>
      {hint && <div className="text-xs text-muted-foreground">{hint}</div>}
    </div>
  );
}

export function QueueMetricsCards({ metrics }: { metrics: QueueMetrics }) {
  const { live, window: w } = metrics;
  return (
    <div className="grid gap-4">
      <section aria-label="Now" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Waiting" value={live.waiting} />
        <Stat label="Longest wait" value={formatDuration(live.longestWaitSeconds)} />
        <Stat label="Agents available" value={live.agents.available} />
        <Stat label="On a call / wrap-up" value={`${live.agents["on-call"] + live.agents.ringing} / ${live.agents["wrap-up"]}`} hint={`${live.agents.away} away`} />
      </section>
      <section aria-label="Today" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Offered today" value={w.offered} hint={`${w.answered} answered, ${w.abandoned} abandoned`} />
        <Stat label="Service level" value={pct(w.serviceLevelPercent)} hint={`answered within ${metrics.serviceLevelSeconds} s`} />
        <Stat label="Abandon rate" value={pct(w.abandonRatePercent)} />
        <Stat label="Avg speed of answer" value={secs(w.averageSpeedOfAnswerSeconds)} hint={`handle ${secs(w.averageHandleSeconds)} · occupancy ${pct(w.occupancyPercent)}`} />
      </section>
    </div>
  );
}

export function QueueHourlyChart({ metrics }: { metrics: QueueMetrics }) {
  const data = metrics.window.hourly.map((h) => ({ hour: hourFormat.format(h.hourStart), Answered: h.answered, Abandoned: h.abandoned }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Today by hour</CardTitle>
      </CardHeader>
      <CardContent>
        <div className="h-56 w-full" role="img" aria-label={`Today: ${metrics.window.answered} answered, ${metrics.window.abandoned} abandoned`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -24 }}>
              <CartesianGrid {...chartGridProps} />
              <XAxis dataKey="hour" {...chartAxisProps} interval="preserveStartEnd" minTickGap={24} />
              <YAxis allowDecimals={false} domain={[0, (max: number) => Math.max(1, max)]} {...chartAxisProps} />
              <Tooltip cursor={{ fillOpacity: 0.1 }} contentStyle={chartTooltipStyle} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="Answered" stackId="a" fill="#10b981" isAnimationActive={false} />
              <Bar dataKey="Abandoned" stackId="a" fill="#ef4444" radius={[2, 2, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </CardContent>
    </Card>
  );
}
