// The inbox report as one CSV file (RFC 4180): a section per table, a blank line between them, durations in seconds.
export interface ReportFigures {
  handled: number;
  resolved: number;
  firstResponseMedianS: number | null;
  firstResponseP90S: number | null;
  resolutionMedianS: number | null;
  resolutionP90S: number | null;
}

export interface InboxReportData {
  days: number;
  timeZone: string;
  volume: { days: { day: string; opened: number; resolved: number }[]; totals: ReportFigures };
  channels: (ReportFigures & { channel: string })[];
  agents: (ReportFigures & { name: string })[];
  hours: { counts: number[][] };
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function cell(v: string | number | null): string {
  if (v === null) return "";
  const s = typeof v === "number" ? String(Math.round(v * 1000) / 1000) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (values: (string | number | null)[]) => values.map(cell).join(",");
const figures = (f: ReportFigures) => [f.handled, f.resolved, f.firstResponseMedianS, f.firstResponseP90S, f.resolutionMedianS, f.resolutionP90S];
const FIGURE_HEADER = ["conversations", "resolved", "first_response_median_s", "first_response_p90_s", "resolution_median_s", "resolution_p90_s"];

export function inboxReportCsv(r: InboxReportData): string {
  const rows: string[] = [
    line(["report", `inbox, last ${r.days} days`, "time_zone", r.timeZone]),
    "",
    line(["summary", ...FIGURE_HEADER]),
    line(["all", ...figures(r.volume.totals)]),
    "",
    line(["day", "opened", "resolved"]),
    ...r.volume.days.map((d) => line([d.day, d.opened, d.resolved])),
    "",
    line(["channel", ...FIGURE_HEADER]),
    ...r.channels.map((c) => line([c.channel, ...figures(c)])),
    "",
    line(["agent", ...FIGURE_HEADER]),
    ...r.agents.map((a) => line([a.name, ...figures(a)])),
    "",
    line(["weekday", ...Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, "0")}`)]),
    ...r.hours.counts.map((hours, i) => line([WEEKDAYS[i]!, ...hours])),
  ];
  return `${rows.join("\r\n")}\r\n`;
}
