// Monthly recurring revenue and ARPU, per currency (a tenant's plan fee and usage are in the tenant's currency;
// amounts in different currencies are never added together). Definitions, as /admin/revenue states them:
//   MRR (plans)     = Σ over active tenants (tenant-churn.ts) of their price plan's monthlyFeeMicros (no plan: 0).
//   usage run-rate  = Σ costMicros of the call records that ended in the 30 × 24 hours before now: what rated usage
//                     brought in over the trailing 30 days, taken as a month's worth (tenants since churned included:
//                     it was billed).
//   MRR             = MRR (plans) + usage run-rate.
//   ARPU            = MRR / active tenants in that currency, rounded down to a micro-unit (0 with no active tenants).
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { ACTIVE_TENANT } from "@/server/admin/tenant-churn";

export const RUN_RATE_DAYS = 30;

export interface RecurringRevenue {
  currency: string;
  activeTenants: number;
  mrrPlansMicros: bigint;
  usageRunRateMicros: bigint;
  mrrMicros: bigint;
  arpuMicros: bigint;
}

export async function getRecurringRevenue(now: Date): Promise<RecurringRevenue[]> {
  const since = new Date(now.getTime() - RUN_RATE_DAYS * 86_400_000);
  const [plans, usage] = await Promise.all([
    db.$queryRaw<{ currency: string; activeTenants: number; fees: bigint }[]>(Prisma.sql`
      SELECT t.currency, count(*)::int AS "activeTenants", COALESCE(sum(p."monthlyFeeMicros"), 0)::bigint AS fees
      FROM "Tenant" t LEFT JOIN "PricePlan" p ON p.id = t."pricePlanId"
      WHERE ${ACTIVE_TENANT}
      GROUP BY t.currency`),
    db.$queryRaw<{ currency: string; revenue: bigint }[]>(Prisma.sql`
      SELECT currency, sum("costMicros")::bigint AS revenue FROM "CallRecord"
      WHERE "endedAt" >= ${since} AND "endedAt" < ${now}
      GROUP BY currency`),
  ]);
  const currencies = [...new Set([...plans.map((p) => p.currency), ...usage.map((u) => u.currency)])].sort();
  return currencies.map((currency) => {
    const plan = plans.find((p) => p.currency === currency);
    const activeTenants = plan?.activeTenants ?? 0;
    const mrrPlansMicros = plan?.fees ?? 0n;
    const usageRunRateMicros = usage.find((u) => u.currency === currency)?.revenue ?? 0n;
    const mrrMicros = mrrPlansMicros + usageRunRateMicros;
    return { currency, activeTenants, mrrPlansMicros, usageRunRateMicros, mrrMicros, arpuMicros: activeTenants === 0 ? 0n : mrrMicros / BigInt(activeTenants) };
  });
}
