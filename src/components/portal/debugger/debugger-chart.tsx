"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartAxisProps, chartGridProps, chartTooltipStyle } from "@/components/shared/chart-theme";
import type { DebuggerErrorsPerHour } from "@/components/portal/debugger/types";

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayHourFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit" });

/** Errors per hour over the chosen range (local time on the axis). */
export function DebuggerChart({ hours }: { hours: DebuggerErrorsPerHour[] }) {
  // A day's hours (24 or 25 buckets, the range's first hour being partial) by time; longer ranges with the day.
  const format = hours.length > 25 ? dayHourFormat : hourFormat;
  const data = hours.map((h) => ({ hour: format.format(h.hour), Errors: h.errors }));
  const total = hours.reduce((n, h) => n + h.errors, 0);
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="text-sm text-muted-foreground">
        <span className="font-medium text-foreground tabular-nums">{total}</span> {total === 1 ? "error" : "errors"} in the range, by hour
      </figcaption>
      <div className="h-40 w-full" role="img" aria-label={`Errors per hour: ${total} in the range`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 16, bottom: 0, left: -24 }}>
            <CartesianGrid {...chartGridProps} />
            <XAxis dataKey="hour" {...chartAxisProps} interval="preserveStartEnd" minTickGap={32} />
            <YAxis allowDecimals={false} domain={[0, (max: number) => Math.max(1, max)]} {...chartAxisProps} />
            <Tooltip cursor={{ fillOpacity: 0.1 }} contentStyle={chartTooltipStyle} />
            <Bar dataKey="Errors" fill="var(--color-destructive, #dc2626)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
