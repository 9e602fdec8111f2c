// Usage and revenue of the whole platform for /admin/revenue: calls, billed minutes, active, new and churned tenants
// and rated revenue per UTC day (find-daily-usage.ts) and per month of the range, calls live now, MRR and ARPU
// (get-recurring-revenue.ts), and the top tenants (find-top-tenants-by-usage.ts). An empty platform reads as zeros.
import { z } from "zod";
import { db } from "@/server/db";
import { findDailyUsage, type DailyUsage } from "@/server/admin/find-daily-usage";
import { findTopTenantsByUsage, ZTopTenantsRank } from "@/server/admin/find-top-tenants-by-usage";
import { getRecurringRevenue, RUN_RATE_DAYS } from "@/server/admin/get-recurring-revenue";
import { usageRange, ZUsageRangeDays } from "@/server/admin/usage-range";

export const ZPlatformUsageInput = z.strictObject({
  days: ZUsageRangeDays.default(30),
  rankBy: ZTopTenantsRank.default("minutes"),
  /** How many top tenants (the page shows 10, the CSV export more). */
  top: z.number().int().min(1, "at least 1").max(1000, "at most 1000").default(10),
});
export type TPlatformUsageInput = z.input<typeof ZPlatformUsageInput>;

/** A tenant's currency when it has none of its own; the page shows its zeros in it on an empty platform. */
const PLATFORM_CURRENCY = "USD";

export type MonthlyUsage = Omit<DailyUsage, "day" | "activeTenants"> & { month: string };

/** The range's days summed by calendar month (the first and last months hold only the days in the range). */
function monthsOf(daily: DailyUsage[]): MonthlyUsage[] {
  const months = new Map<string, MonthlyUsage>();
  for (const d of daily) {
    const month = d.day.slice(0, 7);
    const m = months.get(month) ?? { month, calls: 0, billableSeconds: 0, newTenants: 0, churnedTenants: 0, revenueMicros: {} };
    m.calls += d.calls;
    m.billableSeconds += d.billableSeconds;
    m.newTenants += d.newTenants;
    m.churnedTenants += d.churnedTenants;
    for (const [currency, micros] of Object.entries(d.revenueMicros)) m.revenueMicros[currency] = (m.revenueMicros[currency] ?? 0n) + micros;
    months.set(month, m);
  }
  return [...months.values()];
}

export async function getPlatformUsage(input: TPlatformUsageInput = {}, now = new Date()) {
  const { days, rankBy, top } = ZPlatformUsageInput.parse(input);
  const range = usageRange(days, now);
  const [{ daily, totals }, recurring, topTenants, live] = await Promise.all([
    findDailyUsage(range),
    getRecurringRevenue(now),
    findTopTenantsByUsage(range, rankBy, top),
    db.call.groupBy({ by: ["status"], where: { status: { in: ["QUEUED", "INITIATED", "RINGING", "IN_PROGRESS"] } }, _count: { _all: true } }),
  ]);
  const liveCount = (statuses: string[]) => live.filter((r) => statuses.includes(r.status)).reduce((n, r) => n + r._count._all, 0);
  const currencies = [...new Set([PLATFORM_CURRENCY, ...Object.keys(totals.revenueMicros), ...recurring.map((r) => r.currency)])].sort();
  return {
    range: { days, from: range.from, to: range.to },
    runRateDays: RUN_RATE_DAYS,
    currencies,
    daily,
    monthly: monthsOf(daily),
    totals,
    /** Calls live now (initiated, ringing or in progress: what a tenant's concurrency limit counts) and waiting to be placed. */
    now: { concurrentCalls: liveCount(["INITIATED", "RINGING", "IN_PROGRESS"]), queuedCalls: liveCount(["QUEUED"]) },
    recurring: currencies.map((currency) => recurring.find((r) => r.currency === currency) ?? { currency, activeTenants: 0, mrrPlansMicros: 0n, usageRunRateMicros: 0n, mrrMicros: 0n, arpuMicros: 0n }),
    rankBy,
    topTenants,
  };
}

export type PlatformUsage = Awaited<ReturnType<typeof getPlatformUsage>>;
