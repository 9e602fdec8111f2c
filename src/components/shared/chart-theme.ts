// recharts styling that follows the theme (light and dark) through the CSS variables of globals.css, and the labels
// of the admin charts (days are UTC there).

export const chartTooltipStyle = {
  fontSize: 12,
  background: "var(--popover)",
  color: "var(--popover-foreground)",
  border: "1px solid var(--border)",
  borderRadius: 8,
} as const;

export const chartAxisProps = { tickLine: false, axisLine: false, fontSize: 11, stroke: "var(--muted-foreground)" } as const;

export const chartGridProps = { strokeDasharray: "3 3", vertical: false, stroke: "var(--border)" } as const;

const utcDay = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const utcTime = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const utcDayTime = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/** "2026-03-06" → "Mar 6". */
export const formatUtcDay = (day: string) => utcDay.format(new Date(`${day}T00:00:00Z`));
/** "14:05" (UTC). */
export const formatUtcTime = (at: Date) => utcTime.format(at);
/** "Mar 6, 14:05" (UTC). */
export const formatUtcDayTime = (at: Date) => utcDayTime.format(at);
