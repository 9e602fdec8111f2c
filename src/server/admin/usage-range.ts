// The date range of /admin/revenue: the last N whole UTC days, today included (today so far). Days are UTC
// everywhere on that page, keyed "YYYY-MM-DD" as PostgreSQL's to_char(date_trunc('day', …)) writes them.
import { z } from "zod";

const DAY_MS = 86_400_000;

export const USAGE_RANGE_DAYS = [7, 30, 90] as const;
export const ZUsageRangeDays = z.literal(USAGE_RANGE_DAYS, { error: "one of 7, 30 or 90" });
export type UsageRangeDays = (typeof USAGE_RANGE_DAYS)[number];

export interface UsageRange {
  days: number;
  /** Midnight UTC of the first day. */
  from: Date;
  /** Midnight UTC after the last day (today): the range is from ≤ t < to. */
  to: Date;
  /** Every day of the range, oldest first. */
  dayKeys: string[];
}

export const dayKey = (d: Date): string => d.toISOString().slice(0, 10);

export function usageRange(days: number, now: Date): UsageRange {
  const to = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const from = new Date(to.getTime() - days * DAY_MS);
  const dayKeys = Array.from({ length: days }, (_, i) => dayKey(new Date(from.getTime() + i * DAY_MS)));
  return { days, from, to, dayKeys };
}
