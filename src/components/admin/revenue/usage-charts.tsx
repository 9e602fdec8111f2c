"use client";

import type { ReactNode } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { chartAxisProps, chartGridProps, chartTooltipStyle, formatUtcDay } from "@/components/shared/chart-theme";
import { formatMoney } from "@/lib/format";
import { formatCount, formatMinutes, microsToNumber, type PlatformUsage } from "@/components/admin/revenue/revenue-types";

function ChartCard({ title, description, action, children }: { title: string; description: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Card className="gap-4">
      <CardHeader className="flex flex-row items-start justify-between gap-2">
        <div className="flex flex-col gap-1.5">
          <CardTitle className="text-base">{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
        {action}
      </CardHeader>
      <CardContent className="h-56 px-2 sm:px-4">
        <ResponsiveContainer width="100%" height="100%">
          {children as React.ReactElement}
        </ResponsiveContainer>
      </CardContent>
    </Card>
  );
}

const xAxis = <XAxis dataKey="label" {...chartAxisProps} minTickGap={24} />;
const legend = <Legend wrapperStyle={{ fontSize: 12 }} />;
const compactCount = new Intl.NumberFormat("en", { notation: "compact" });

/** Calls, minutes, revenue and tenants per UTC day of the range. Not animated: redrawn on every range change. */
export function UsageCharts({ usage, currency, onCurrencyChange }: { usage: PlatformUsage; currency: string; onCurrencyChange: (currency: string) => void }) {
  const data = usage.daily.map((d) => ({
    label: formatUtcDay(d.day),
    calls: d.calls,
    minutes: d.billableSeconds / 60,
    revenue: microsToNumber(d.revenueMicros[currency] ?? 0n),
    activeTenants: d.activeTenants,
    newTenants: d.newTenants,
    churnedTenants: d.churnedTenants,
  }));
  const money = (value: number) => formatMoney(BigInt(Math.round(value * 1_000_000)), currency);
  const compactMoney = new Intl.NumberFormat("en", { style: "currency", currency, notation: "compact" });
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard title="Calls and billed minutes" description="Per UTC day; a call counts on the day it ended. Calls on the left axis, minutes on the right.">
        <ComposedChart data={data} margin={{ top: 4, right: 0, bottom: 0, left: -12 }}>
          <CartesianGrid {...chartGridProps} />
          {xAxis}
          <YAxis yAxisId="calls" allowDecimals={false} {...chartAxisProps} />
          <YAxis yAxisId="minutes" orientation="right" {...chartAxisProps} tickFormatter={(v: number) => compactCount.format(v)} />
          <Tooltip cursor={{ fillOpacity: 0.1 }} contentStyle={chartTooltipStyle} formatter={(value, name) => (name === "Billed minutes" ? formatMinutes(Number(value) * 60) : formatCount(Number(value)))} />
          {legend}
          <Bar yAxisId="calls" dataKey="calls" name="Calls" fill="var(--chart-1)" fillOpacity={0.8} radius={[2, 2, 0, 0]}  isAnimationActive={false} />
          <Line yAxisId="minutes" type="monotone" dataKey="minutes" name="Billed minutes" stroke="var(--chart-2)" strokeWidth={2} dot={false}  isAnimationActive={false} />
        </ComposedChart>
      </ChartCard>
      <ChartCard
        title="Usage revenue"
        description={`Rated calls per UTC day, in ${currency}.`}
        action={
          usage.currencies.length > 1 && (
            <Select value={currency} onValueChange={onCurrencyChange}>
              <SelectTrigger size="sm" aria-label="Currency of the revenue chart" className="w-24">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {usage.currencies.map((c) => (
                  <SelectItem key={c} value={c}>
                    {c}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )
        }
      >
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
          <CartesianGrid {...chartGridProps} />
          {xAxis}
          <YAxis {...chartAxisProps} tickFormatter={(v: number) => compactMoney.format(v)} />
          <Tooltip cursor={{ fillOpacity: 0.1 }} contentStyle={chartTooltipStyle} formatter={(value) => money(Number(value))} />
          <Bar dataKey="revenue" name="Revenue" fill="var(--chart-3)" radius={[2, 2, 0, 0]}  isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Active tenants" description="Tenants with at least one call that day.">
        <AreaChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <CartesianGrid {...chartGridProps} />
          {xAxis}
          <YAxis allowDecimals={false} {...chartAxisProps} />
          <Tooltip contentStyle={chartTooltipStyle} />
          <Area type="stepAfter" dataKey="activeTenants" name="Active tenants" stroke="var(--chart-1)" fill="var(--chart-1)" fillOpacity={0.2}  isAnimationActive={false} />
        </AreaChart>
      </ChartCard>
      <ChartCard title="New and churned tenants" description="Signed up, and suspended or deleted, per UTC day.">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <CartesianGrid {...chartGridProps} />
          {xAxis}
          <YAxis allowDecimals={false} {...chartAxisProps} />
          <Tooltip cursor={{ fillOpacity: 0.1 }} contentStyle={chartTooltipStyle} />
          {legend}
          <Bar dataKey="newTenants" name="New" fill="var(--success)" radius={[2, 2, 0, 0]}  isAnimationActive={false} />
          <Bar dataKey="churnedTenants" name="Churned" fill="var(--destructive)" radius={[2, 2, 0, 0]}  isAnimationActive={false} />
        </BarChart>
      </ChartCard>
    </div>
  );
}
