import { db } from "@/server/db";

/** Platform staff view of every tenant, newest first. */
export async function findTenants(opts: { limit?: number } = {}) {
  const rows = await db.tenant.findMany({
    orderBy: { createdAt: "desc" },
    take: Math.min(opts.limit ?? 200, 500),
    select: { id: true, name: true, slug: true, status: true, suspendedReason: true, creditMicros: true, currency: true, createdAt: true, callsPerSecond: true, maxConcurrentCalls: true, pricePlanId: true, maxPhoneNumbers: true, maxSeats: true, deletionRequestedAt: true, purgeAfter: true, _count: { select: { memberships: true } } },
  });
  return rows.map(({ _count, ...t }) => ({ ...t, memberCount: _count.memberships }));
}
