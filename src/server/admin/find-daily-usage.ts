// Platform usage per UTC day over a range, from the call records (CDRs) and the tenants.
// A call counts on the UTC day it ended: that is when it was rated and its cost debited from the tenant's credit
// (close-call.ts writes the CDR and its ledger entry in one transaction, costMicros = -amountMicros), so the sum
// of CDR costs is the sum of usage debits; reading CDRs rather than the ledger leaves out trial credit and staff
// adjustments, which are not revenue. Unanswered legs count as calls with 0 billed seconds and no cost.
// One scan of CallRecord by its endedAt index, pre-aggregated per tenant and day, then rolled up with GROUPING SETS
// into per-day-and-currency, per-day and whole-range rows.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { tenantLifecycleSql } from "@/server/admin/tenant-churn";
import type { UsageRange } from "@/server/admin/usage-range";

export interface DailyUsage {
  day: string;
  calls: number;
  billableSeconds: number;
  /** Tenants with at least one call that ended this day. */
  activeTenants: number;
  newTenants: number;
  churnedTenants: number;
  /** Rated usage by currency, integer micro-units. */
  revenueMicros: Record<string, bigint>;
}

export interface UsageTotals {
  calls: number;
  billableSeconds: number;
  /** Distinct tenants with a call in the range (not the sum of the days). */
  activeTenants: number;
  newTenants: number;
  churnedTenants: number;
  revenueMicros: Record<string, bigint>;
}

/** day null: the whole range; currency null: every currency. Sums are NULL over no rows. */
interface UsageRow {
  day: string | null;
  currency: string | null;
  calls: number | null;
  billableSeconds: bigint | null;
  revenueMicros: bigint;
  activeTenants: number;
}

const usageRows = (range: UsageRange) => db.$queryRaw<UsageRow[]>(Prisma.sql`
  WITH per_tenant_day AS (
    SELECT date_trunc('day', r."endedAt") AS day, r."tenantId", r.currency,
           count(*) AS calls, sum(r."billableSeconds") AS seconds, sum(r."costMicros") AS revenue
    FROM "CallRecord" r
    WHERE r."endedAt" >= ${range.from} AND r."endedAt" < ${range.to}
    GROUP BY 1, 2, 3
  )
  SELECT to_char(day, 'YYYY-MM-DD') AS day, currency,
         sum(calls)::int AS calls, sum(seconds)::bigint AS "billableSeconds", sum(revenue)::bigint AS "revenueMicros",
         count(DISTINCT "tenantId")::int AS "activeTenants"
  FROM per_tenant_day
  GROUP BY GROUPING SETS ((day, currency), (day), ())`);

async function tenantRows(range: UsageRange) {
  const lifecycle = await tenantLifecycleSql(db);
  return db.$queryRaw<{ day: string; newTenants: number; churnedTenants: number }[]>(Prisma.sql`
    SELECT day, sum(created)::int AS "newTenants", sum(churned)::int AS "churnedTenants" FROM (
      SELECT to_char(date_trunc('day', t."createdAt"), 'YYYY-MM-DD') AS day, 1 AS created, 0 AS churned
      FROM "Tenant" t WHERE t."createdAt" >= ${range.from} AND t."createdAt" < ${range.to}
      UNION ALL
      SELECT to_char(date_trunc('day', c.at), 'YYYY-MM-DD'), 0, 1
      FROM (SELECT ${lifecycle.churnedAt} AS at FROM "Tenant" t) c WHERE c.at >= ${range.from} AND c.at < ${range.to}
    ) e GROUP BY day`);
}

/** The range day by day (days without calls are zeros), and its totals. */
export async function findDailyUsage(range: UsageRange): Promise<{ daily: DailyUsage[]; totals: UsageTotals }> {
  const [usage, tenants] = await Promise.all([usageRows(range), tenantRows(range)]);
  const daily = new Map<string, DailyUsage>(
    range.dayKeys.map((day) => [day, { day, calls: 0, billableSeconds: 0, activeTenants: 0, newTenants: 0, churnedTenants: 0, revenueMicros: {} }]),
  );
  const totals: UsageTotals = { calls: 0, billableSeconds: 0, activeTenants: 0, newTenants: 0, churnedTenants: 0, revenueMicros: {} };
  for (const row of usage) {
    const target = row.day === null ? totals : daily.get(row.day);
    if (!target) continue;
    if (row.currency === null) {
      // A whole day, or the whole range (the empty grouping set comes back even with no rows at all: zeros).
      target.calls = row.calls ?? 0;
      target.billableSeconds = Number(row.billableSeconds ?? 0n);
      target.activeTenants = row.activeTenants;
    } else {
      target.revenueMicros[row.currency] = row.revenueMicros;
      totals.revenueMicros[row.currency] = (totals.revenueMicros[row.currency] ?? 0n) + row.revenueMicros;
    }
  }
  for (const row of tenants) {
    const day = daily.get(row.day);
    if (!day) continue;
    day.newTenants = row.newTenants;
    day.churnedTenants = row.churnedTenants;
    totals.newTenants += row.newTenants;
    totals.churnedTenants += row.churnedTenants;
  }
  return { daily: [...daily.values()], totals };
}
