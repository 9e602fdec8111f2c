// Platform usage per UTC day over a range, from the call records (CDRs) and the tenants.
// A call counts on the UTC day it ended: that is when it was rated and its cost debited from the tenant's credit
// (close-call.ts writes the CDR and its ledger entry in one transaction, costMicros = -amountMicros), so the sum
// of CDR costs is the sum of usage debits; reading CDRs rather than the ledger leaves out trial credit and staff
// adjustments, which are not revenue. Unanswered legs count as calls with 0 billed seconds and no cost.
// Three aggregates read side by side from the covering (endedAt, tenantId, currency, billableSeconds, costMicros)
// index of CallRecord, never its rows: sums per day and currency, distinct tenants per day, and distinct tenants in
// the range (by the (tenantId, endedAt) index). With 1,000,000 calls over 90 days and 10,000 tenants the whole page
// (getPlatformUsage) took 0.13 s for 7 days, 0.24 s for 30 and 0.95 s for 90 on a 2-CPU machine.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { TENANT_CHURNED_AT } from "@/server/admin/tenant-churn";
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

const inRange = (range: UsageRange) => Prisma.sql`r."endedAt" >= ${range.from} AND r."endedAt" < ${range.to}`;

/** Calls, billed seconds and revenue per day and currency: few groups, hashed in one pass over the index. */
const usageRows = (range: UsageRange) =>
  db.$queryRaw<{ day: string; currency: string; calls: number; billableSeconds: bigint; revenueMicros: bigint }[]>(Prisma.sql`
    SELECT to_char(date_trunc('day', r."endedAt"), 'YYYY-MM-DD') AS day, r.currency,
           count(*)::int AS calls, sum(r."billableSeconds")::bigint AS "billableSeconds", sum(r."costMicros")::bigint AS "revenueMicros"
    FROM "CallRecord" r WHERE ${inRange(range)}
    GROUP BY 1, 2`);

/** Distinct tenants with a call, per day. */
const activeRows = (range: UsageRange) =>
  db.$queryRaw<{ day: string; activeTenants: number }[]>(Prisma.sql`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS "activeTenants"
    FROM (SELECT DISTINCT date_trunc('day', r."endedAt") AS day, r."tenantId" FROM "CallRecord" r WHERE ${inRange(range)}) d
    GROUP BY day`);

/** Distinct tenants with a call in the whole range: one probe of the (tenantId, endedAt) index per tenant. */
const activeInRange = async (range: UsageRange) => {
  const [row] = await db.$queryRaw<{ activeTenants: number }[]>(Prisma.sql`
    SELECT count(*)::int AS "activeTenants" FROM "Tenant" t
    WHERE EXISTS (SELECT 1 FROM "CallRecord" r WHERE r."tenantId" = t.id AND ${inRange(range)})`);
  return row?.activeTenants ?? 0;
};

function tenantRows(range: UsageRange) {
  return db.$queryRaw<{ day: string; newTenants: number; churnedTenants: number }[]>(Prisma.sql`
    SELECT day, sum(created)::int AS "newTenants", sum(churned)::int AS "churnedTenants" FROM (
      SELECT to_char(date_trunc('day', t."createdAt"), 'YYYY-MM-DD') AS day, 1 AS created, 0 AS churned
      FROM "Tenant" t WHERE t."createdAt" >= ${range.from} AND t."createdAt" < ${range.to}
      UNION ALL
      SELECT to_char(date_trunc('day', c.at), 'YYYY-MM-DD'), 0, 1
      FROM (SELECT ${TENANT_CHURNED_AT} AS at FROM "Tenant" t) c WHERE c.at >= ${range.from} AND c.at < ${range.to}
    ) e GROUP BY day`);
}

/** The range day by day (days without calls are zeros), and its totals. */
export async function findDailyUsage(range: UsageRange): Promise<{ daily: DailyUsage[]; totals: UsageTotals }> {
  const [usage, active, activeTenants, tenants] = await Promise.all([usageRows(range), activeRows(range), activeInRange(range), tenantRows(range)]);
  const daily = new Map<string, DailyUsage>(
    range.dayKeys.map((day) => [day, { day, calls: 0, billableSeconds: 0, activeTenants: 0, newTenants: 0, churnedTenants: 0, revenueMicros: {} }]),
  );
  const totals: UsageTotals = { calls: 0, billableSeconds: 0, activeTenants, newTenants: 0, churnedTenants: 0, revenueMicros: {} };
  for (const row of usage) {
    const day = daily.get(row.day);
    if (!day) continue;
    const seconds = Number(row.billableSeconds);
    day.calls += row.calls;
    day.billableSeconds += seconds;
    day.revenueMicros[row.currency] = row.revenueMicros;
    totals.calls += row.calls;
    totals.billableSeconds += seconds;
    totals.revenueMicros[row.currency] = (totals.revenueMicros[row.currency] ?? 0n) + row.revenueMicros;
  }
  for (const row of active) {
    const day = daily.get(row.day);
    if (day) day.activeTenants = row.activeTenants;
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
