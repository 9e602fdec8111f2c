// The TenantDailyUsage rollup is kept by triggers on "Call" (migration admin_search): it must always equal the
// calls counted per tenant and UTC day, however calls are written or removed.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

const DAY_MS = 86_400_000;

function callRow(tenantId: string, createdAt: Date) {
  return { id: newSid("CA"), tenantId, direction: "OUTBOUND_API" as const, from: "+15005550006", to: "+15005550100", statusCallbackEvents: [], createdAt, queuedAt: createdAt };
}

/** Rollup and truth, per tenant and day, for the tenants given. */
async function compare(tenantIds: string[]) {
  const rollup = await db.$queryRaw<{ tenantId: string; day: string; calls: number }[]>`
    SELECT "tenantId", day::text AS day, sum(calls)::int AS calls FROM "TenantDailyUsage" WHERE "tenantId" = ANY(${tenantIds})
    GROUP BY 1, 2 HAVING sum(calls) <> 0 ORDER BY 1, 2`;
  const truth = await db.$queryRaw<{ tenantId: string; day: string; calls: number }[]>`
    SELECT "tenantId", "createdAt"::date::text AS day, count(*)::int AS calls FROM "Call" WHERE "tenantId" = ANY(${tenantIds}) GROUP BY 1, 2 ORDER BY 1, 2`;
  return { rollup, truth };
}

describe("TenantDailyUsage", () => {
  it("counts calls per tenant and UTC day as they are inserted in bulk, one by one and concurrently, and removed", async () => {
    const [a, b] = [await createTestTenant(), await createTestTenant()];
    const ids = [a.tenant.id, b.tenant.id];
    const now = Date.now();
    // One statement over two tenants and three days, one of them just before a UTC midnight.
    const midnight = Math.floor(now / DAY_MS) * DAY_MS;
    await db.call.createMany({
      data: [
        ...Array.from({ length: 5 }, () => callRow(a.tenant.id, new Date(now))),
        ...Array.from({ length: 3 }, () => callRow(a.tenant.id, new Date(midnight - 1))),
        ...Array.from({ length: 4 }, () => callRow(b.tenant.id, new Date(now - 10 * DAY_MS))),
      ],
    });
    // Concurrent single inserts, as the API and the worker write them (several connections at once).
    await Promise.all(Array.from({ length: 12 }, (_, i) => db.call.create({ data: callRow(i % 2 ? a.tenant.id : b.tenant.id, new Date(now)) })));
    let { rollup, truth } = await compare(ids);
    expect(truth.reduce((n, r) => n + r.calls, 0)).toBe(24);
    expect(rollup).toEqual(truth);

    // Deleting calls (whatever connection's shard counted them) takes them off their day.
    const gone = await db.call.findMany({ where: { tenantId: a.tenant.id }, take: 7, select: { id: true } });
    await db.call.deleteMany({ where: { id: { in: gone.map((c) => c.id) } } });
    await db.call.delete({ where: { id: (await db.call.findFirstOrThrow({ where: { tenantId: b.tenant.id } })).id } });
    ({ rollup, truth } = await compare(ids));
    expect(truth.reduce((n, r) => n + r.calls, 0)).toBe(16);
    expect(rollup).toEqual(truth);
  });

  it("goes with its tenant: deleting a tenant (its calls cascade) leaves no rows and no error", async () => {
    const { tenant } = await createTestTenant();
    await db.call.createMany({ data: Array.from({ length: 3 }, () => callRow(tenant.id, new Date())) });
    expect(await db.tenantDailyUsage.count({ where: { tenantId: tenant.id } })).toBeGreaterThan(0);
    await db.tenant.delete({ where: { id: tenant.id } });
    expect(await db.tenantDailyUsage.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
