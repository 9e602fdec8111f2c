// Is it open? The call's instant read in the node's IANA time zone (Intl does the DST arithmetic: 09:00 in New York
// is 13:00 UTC in summer and 14:00 in winter), then holidays (by local date) and the weekly schedule (by local
// weekday and time). A range runs from its start up to, not including, its end; 24:00 closes at midnight.
import type { FlowNodeOf, Weekday } from "./flow-graph";

const WEEKDAY_OF: Record<string, Weekday> = { Mon: "mon", Tue: "tue", Wed: "wed", Thu: "thu", Fri: "fri", Sat: "sat", Sun: "sun" };

export interface LocalMoment {
  /** YYYY-MM-DD in the zone */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight */
  minutes: number;
}

export function localMoment(at: Date, timeZone: string): LocalMoment {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAY_OF[parts.weekday!]!, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type BusinessHoursBranch = "open" | "closed" | "holiday";

export function businessHoursBranch(node: Pick<FlowNodeOf<"businessHours">, "timezone" | "schedule" | "holidays">, at: Date): BusinessHoursBranch {
  const local = localMoment(at, node.timezone);
  if (node.holidays.some((h) => h.date === local.date)) return "holiday";
  const open = node.schedule[local.weekday].some((r) => local.minutes >= toMinutes(r.from) && local.minutes < toMinutes(r.to));
  return open ? "open" : "closed";
}
