// The tenants that used the platform most over a range: by billed minutes, or by rated revenue (amounts of
// different currencies are ranked side by side, unconverted). Calls count on the UTC day they ended, as on the
// rest of /admin/revenue. One aggregate over CallRecord by its endedAt index, then the names of the few winners.
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import type { UsageRange } from "@/server/admin/usage-range";

export const ZTopTenantsRank = z.enum(["minutes", "revenue"], { error: "minutes or revenue" });
export type TopTenantsRank = z.infer<typeof ZTopTenantsRank>;

export interface TenantUsage {
  tenantId: string;
  name: string;
  status: string;
  currency: string;
  calls: number;
  billableSeconds: number;
  revenueMicros: bigint;
}

export async function findTopTenantsByUsage(range: UsageRange, rankBy: TopTenantsRank, limit = 10): Promise<TenantUsage[]> {
  const order = rankBy === "minutes" ? Prisma.sql`"billableSeconds" DESC, "revenueMicros" DESC` : Prisma.sql`"revenueMicros" DESC, "billableSeconds" DESC`;
  const rows = await db.$queryRaw<{ tenantId: string; currency: string; calls: number; billableSeconds: bigint; revenueMicros: bigint }[]>(Prisma.sql`
    SELECT r."tenantId", r.currency, count(*)::int AS calls, sum(r."billableSeconds")::bigint AS "billableSeconds", sum(r."costMicros")::bigint AS "revenueMicros"
    FROM "CallRecord" r
    WHERE r."endedAt" >= ${range.from} AND r."endedAt" < ${range.to}
    GROUP BY r."tenantId", r.currency
    ORDER BY ${order}, r."tenantId"
    LIMIT ${limit}`);
  const tenants = await db.tenant.findMany({ where: { id: { in: rows.map((r) => r.tenantId) } }, select: { id: true, name: true, status: true } });
  const byId = new Map(tenants.map((t) => [t.id, t]));
  // A tenant purged between the two reads (its records went with it) is left out.
  return rows.flatMap((r) => {
    const tenant = byId.get(r.tenantId);
    if (!tenant) return [];
    return [{ tenantId: r.tenantId, name: tenant.name, status: tenant.status, currency: r.currency, calls: r.calls, billableSeconds: Number(r.billableSeconds), revenueMicros: r.revenueMicros }];
  });
}
