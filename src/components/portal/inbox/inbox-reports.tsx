"use client";

// The inbox's reports over the last 7, 30 or 90 days in the viewer's time zone (the account has none of its own):
// conversations opened and resolved per day, median and p90 first response and resolution, per channel and per agent,
// and when contacts write (a weekday × hour heatmap); everything as one CSV too. Figures are computed in SQL
// (src/server/inbox-reports); there is no CSAT column because the platform collects no satisfaction ratings.
import { useQuery } from "@tanstack/react-query";
import { DownloadIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { InboxNav } from "@/components/portal/inbox/inbox-nav";
import { inboxReportCsv, type ReportFigures } from "@/components/portal/inbox/inbox-report-csv";
import { chartAxisProps, chartGridProps, chartTooltipStyle, formatUtcDay } from "@/components/shared/chart-theme";
import { CHANNEL_LABEL } from "@/components/shared/inbox/types";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";

const RANGES = [7, 30, 90] as const;
type Range = (typeof RANGES)[number];
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** 95 → "1m 35s"; 5400 → "1h 30m"; null → "—". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? ` ${s % 60}s` : ""}`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)}m` : ""}`;
  return `${Math.floor(s / 86_400)}d${Math.floor((s % 86_400) / 3600) ? ` ${Math.floor((s % 86_400) / 3600)}h` : ""}`;
}

export function InboxReports() {
  const trpc = useTRPC();
  const [days, setDays] = useState<Range>(30);
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", []);
  const input = { days, timeZone };
  const volume = useQuery(trpc.inboxReports.volume.queryOptions(input));
  const channels = useQuery(trpc.inboxReports.channels.queryOptions(input));
  const agents = useQuery(trpc.inboxReports.agents.queryOptions(input));
  const hours = useQuery(trpc.inboxReports.hours.queryOptions(input));
  const ready = volume.data && channels.data && agents.data && hours.data;
  const failed = volume.error ?? channels.error ?? agents.error ?? hours.error;

  const download = () => {
    if (!ready) return;
    const csv = inboxReportCsv({ days, timeZone, volume: volume.data, channels: channels.data, agents: agents.data, hours: hours.data });
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `inbox-report-${days}d-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="space-y-6">
      <PageHeader title="Inbox reports" description={`Conversations, response and resolution times, channels, agents and busy hours. Days and hours are ${timeZone}.`} />
      <InboxNav current="/inbox/reports" />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="radiogroup" aria-label="Period" className="inline-flex rounded-lg bg-muted p-1 text-sm">
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              role="radio"
              aria-checked={days === r}
              onClick={() => setDays(r)}
              className={cn("rounded-md px-3 py-1.5 font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50", days === r ? "bg-background shadow-sm" : "text-muted-foreground hover:text-foreground")}
            >
              Last {r} days
            </button>
          ))}
        </div>
        <Button variant="outline" onClick={download} disabled={!ready}>
          <DownloadIcon /> Export CSV
        </Button>
      </div>
      {failed && <p className="text-sm text-destructive">Could not load the report: {failed.message}</p>}

      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="inbox-report-summary">
        <Figure label="Conversations opened" value={volume.data?.totals.handled} hint={volume.data ? `${volume.data.totals.resolved} of them resolved` : ""} />
        <Figure label="First response, median" value={volume.data && formatDuration(volume.data.totals.firstResponseMedianS)} hint={volume.data ? `p90 ${formatDuration(volume.data.totals.firstResponseP90S)}` : ""} />
        <Figure label="Resolution, median" value={volume.data && formatDuration(volume.data.totals.resolutionMedianS)} hint={volume.data ? `p90 ${formatDuration(volume.data.totals.resolutionP90S)}` : ""} />
        <Figure label="Messages received" value={hours.data?.total} hint="from contacts, every channel" />
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Opened and resolved per day</CardTitle>
          <CardDescription>Opened: conversations that started that day. Resolved: those resolved that day and still resolved.</CardDescription>
        </CardHeader>
        <CardContent>
          {volume.data ? (
            <div className="h-64 w-full" data-testid="inbox-volume-chart">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={volume.data.days.map((d) => ({ day: formatUtcDay(d.day), Opened: d.opened, Resolved: d.resolved }))} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
                  <CartesianGrid {...chartGridProps} />
                  <XAxis dataKey="day" {...chartAxisProps} interval="preserveStartEnd" minTickGap={16} />
                  <YAxis allowDecimals={false} {...chartAxisProps} />
                  <Tooltip contentStyle={chartTooltipStyle} cursor={{ fillOpacity: 0.1 }} />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  <Bar dataKey="Opened" fill="var(--chart-1, #2563eb)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
                  <Bar dataKey="Resolved" fill="var(--chart-2, #16a34a)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          ) : (
            <Skeleton className="h-64 w-full" />
          )}
        </CardContent>
      </Card>

      <div className="grid gap-6">
        <FiguresTable title="By channel" description="Conversations opened in the period, by channel." rows={channels.data?.map((c) => ({ key: c.channel, label: CHANNEL_LABEL[c.channel] ?? c.channel, ...c }))} first="Channel" testId="inbox-channel-table" />
        <FiguresTable title="By agent" description="Conversations opened in the period, by who holds them now." rows={agents.data?.map((a) => ({ key: a.userId ?? "unassigned", label: a.name, ...a }))} first="Agent" testId="inbox-agent-table" />
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Busiest hours</CardTitle>
          <CardDescription>Messages received from contacts, by weekday and hour.</CardDescription>
        </CardHeader>
        <CardContent>{hours.data ? <Heatmap counts={hours.data.counts} /> : <Skeleton className="h-48 w-full" />}</CardContent>
      </Card>
    </div>
  );
}

function Figure({ label, value, hint }: { label: string; value: string | number | undefined; hint: string }) {
  return (
    <Card className="gap-2">
      <CardHeader>
        <CardDescription>{label}</CardDescription>
      </CardHeader>
      <CardContent>
        {value === undefined ? <Skeleton className="h-8 w-20" /> : <p className="text-2xl font-semibold tabular-nums">{value}</p>}
        <p className="mt-1 text-xs text-muted-foreground">{hint}</p>
      </CardContent>
    </Card>
  );
}

function FiguresTable({ title, description, rows, first, testId }: { title: string; description: string; rows: (ReportFigures & { key: string; label: string })[] | undefined; first: string; testId: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        {!rows ? (
          <Skeleton className="h-32 w-full" />
        ) : rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">No conversations in this period.</p>
        ) : (
          <Table data-testid={testId}>
            <TableHeader>
              <TableRow>
                <TableHead>{first}</TableHead>
                <TableHead className="text-right">Handled</TableHead>
                <TableHead className="text-right">Resolved</TableHead>
                <TableHead className="text-right">First response (median / p90)</TableHead>
                <TableHead className="text-right">Resolution (median / p90)</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.key}>
                  <TableCell className="font-medium">{r.label}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.handled}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.resolved}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatDuration(r.firstResponseMedianS)} / {formatDuration(r.firstResponseP90S)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatDuration(r.resolutionMedianS)} / {formatDuration(r.resolutionP90S)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function Heatmap({ counts }: { counts: number[][] }) {
  const max = Math.max(1, ...counts.flat());
  return (
    <div className="overflow-x-auto" data-testid="inbox-hours-heatmap">
      <table className="w-full min-w-[40rem] border-separate border-spacing-0.5 text-xs">
        <caption className="sr-only">Messages received by weekday (rows) and hour (columns)</caption>
        <thead>
          <tr>
            <th scope="col" className="w-10" />
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col" className="font-normal text-muted-foreground">
                {h % 3 === 0 ? String(h).padStart(2, "0") : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {counts.map((hoursOfDay, d) => (
            <tr key={d}>
              <th scope="row" className="pr-1 text-left font-normal text-muted-foreground">
                {WEEKDAYS[d]}
              </th>
              {hoursOfDay.map((n, h) => (
                <td
                  key={h}
                  title={`${WEEKDAYS[d]} ${String(h).padStart(2, "0")}:00 — ${n} message${n === 1 ? "" : "s"}`}
                  className="h-6 rounded-sm bg-muted"
                  style={n ? { background: `color-mix(in oklab, var(--primary) ${Math.round(15 + (85 * n) / max)}%, transparent)` } : undefined}
                >
                  <span className="sr-only">{n}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
