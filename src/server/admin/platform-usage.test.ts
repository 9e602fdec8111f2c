// Platform usage and revenue, each figure proven from seeded tenants, plans and call records. This file has its
// database to itself (every test file does), and each test starts from an empty platform.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { getPlatformUsage } from "@/server/admin/platform-usage";
import { exportPlatformUsage, ZPlatformUsageExportQuery } from "@/server/admin/platform-usage-csv";
import { reinstateTenant, suspendTenant } from "@/server/admin/tenant-access";
import { cancelTenantDeletion, scheduleTenantDeletion } from "@/server/admin/tenant-deletion";
import { updatePricePlanFee } from "@/server/admin/update-price-plan-fee";
import { newId } from "@/server/shared/ids";
import { insertEndedCall } from "@/test/call-fixtures";
import { createTestTenant } from "@/test/factories";
import { rejection } from "@/test/rejection";

const NOW = new Date("2026-03-10T12:00:00Z");
const at = (iso: string) => new Date(iso);
const staff = { userId: null, requestId: "test" };

beforeEach(async () => {
  await db.$executeRawUnsafe(`TRUNCATE "Tenant", "PricePlan", "User", "AuditLog" CASCADE`);
});

async function plan(name: string, monthlyFeeMicros: bigint) {
  return db.pricePlan.create({ data: { id: newId("pp"), name, outboundMicrosPerMinute: 14_000n, inboundMicrosPerMinute: 8_500n, monthlyFeeMicros } });
}

async function tenant(name: string, opts: { createdAt: string; currency?: string; pricePlanId?: string | null }) {
  const { tenant } = await createTestTenant({ name });
  return db.tenant.update({ where: { id: tenant.id }, data: { createdAt: at(opts.createdAt), currency: opts.currency ?? "USD", pricePlanId: opts.pricePlanId ?? null } });
}

/**
 * Five tenants, two plans, calls on both sides of UTC midnight and of the range's and the run-rate's edges.
 * The 7-day range at NOW is 2026-03-04 ≤ t < 2026-03-11; the run-rate window 2026-02-08T12:00Z ≤ t < NOW.
 */
async function seedPlatform() {
  const starter = await plan("Starter", 49_000_000n);
  const pro = await plan("Pro", 199_000_000n);
  const a = await tenant("Alpha", { createdAt: "2026-03-05T10:00:00Z", pricePlanId: starter.id });
  const b = await tenant("Bravo", { createdAt: "2026-01-15T00:00:00Z", pricePlanId: pro.id });
  const c = await tenant("Charlie", { createdAt: "2026-03-09T23:00:00Z", currency: "EUR", pricePlanId: starter.id });
  const d = await tenant("Delta", { createdAt: "2026-02-01T00:00:00Z", pricePlanId: pro.id });
  const e = await tenant("Echo", { createdAt: "2025-12-01T00:00:00Z" });
  // Suspended (churned) on 2026-03-08; Echo was suspended and reinstated: not churned.
  await suspendTenant(staff, { tenantId: d.id, reason: "unpaid invoice" });
  await db.tenant.update({ where: { id: d.id }, data: { suspendedAt: at("2026-03-08T09:00:00Z") } });
  await suspendTenant(staff, { tenantId: e.id, reason: "fraud review" });
  await reinstateTenant(staff, { tenantId: e.id });

  await insertEndedCall(a.id, { endedAt: at("2026-03-05T23:59:59Z"), billableSeconds: 120, costMicros: 28_000n });
  await insertEndedCall(a.id, { endedAt: at("2026-03-06T00:00:00Z"), billableSeconds: 60, costMicros: 14_000n });
  await insertEndedCall(a.id, { endedAt: at("2026-03-06T10:00:00Z"), billableSeconds: 0, costMicros: 0n });
  await insertEndedCall(b.id, { endedAt: at("2026-03-06T11:00:00Z"), billableSeconds: 600, costMicros: 140_000n });
  await insertEndedCall(b.id, { endedAt: at("2026-03-10T11:59:59Z"), billableSeconds: 60, costMicros: 14_000n });
  await insertEndedCall(b.id, { endedAt: at("2026-03-03T23:59:59.999Z"), billableSeconds: 60, costMicros: 14_000n }); // day before the range
  await insertEndedCall(b.id, { endedAt: at("2026-02-20T00:00:00Z"), billableSeconds: 60, costMicros: 14_000n }); // in the run-rate only
  await insertEndedCall(b.id, { endedAt: at("2026-02-01T00:00:00Z"), billableSeconds: 60, costMicros: 14_000n }); // in neither
  await insertEndedCall(c.id, { endedAt: at("2026-03-09T08:00:00Z"), billableSeconds: 180, costMicros: 300_000n, currency: "EUR" });
  await insertEndedCall(d.id, { endedAt: at("2026-03-07T12:00:00Z"), billableSeconds: 300, costMicros: 70_000n });

  // Live now: one talking, one ringing, one waiting to be placed.
  for (const [t, status] of [[a, "IN_PROGRESS"], [b, "RINGING"], [b, "QUEUED"]] as const) {
    await db.call.create({ data: { id: newId("CA"), tenantId: t.id, direction: "OUTBOUND_API", from: "+14155550100", to: "+15005550100", status } });
  }
  return { a, b, c, d, e, starter };
}

const zeroDay = { calls: 0, billableSeconds: 0, activeTenants: 0, newTenants: 0, churnedTenants: 0, revenueMicros: {} };

describe("platform usage and revenue", () => {
  it("reads as zeros on an empty platform, every day of the range present", async () => {
    const usage = await getPlatformUsage({ days: 7 }, NOW);
    expect(usage.range).toEqual({ days: 7, from: at("2026-03-04T00:00:00Z"), to: at("2026-03-11T00:00:00Z") });
    expect(usage.daily.map((d) => d.day)).toEqual(["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"]);
    for (const day of usage.daily) expect(day).toEqual({ day: day.day, ...zeroDay });
    expect(usage.totals).toEqual(zeroDay);
    expect(usage.monthly).toEqual([{ month: "2026-03", calls: 0, billableSeconds: 0, newTenants: 0, churnedTenants: 0, revenueMicros: {} }]);
    expect(usage.currencies).toEqual(["USD"]);
    expect(usage.recurring).toEqual([{ currency: "USD", activeTenants: 0, mrrPlansMicros: 0n, usageRunRateMicros: 0n, mrrMicros: 0n, arpuMicros: 0n }]);
    expect(usage.now).toEqual({ concurrentCalls: 0, queuedCalls: 0 });
    expect(usage.topTenants).toEqual([]);
  });

  it("counts calls, billed seconds, active tenants and revenue per UTC day, a call on the day it ended", async () => {
    await seedPlatform();
    const usage = await getPlatformUsage({ days: 7 }, NOW);
    const day = (d: string) => usage.daily.find((x) => x.day === d);
    expect(day("2026-03-04")).toEqual({ day: "2026-03-04", ...zeroDay });
    expect(day("2026-03-05")).toEqual({ day: "2026-03-05", calls: 1, billableSeconds: 120, activeTenants: 1, newTenants: 1, churnedTenants: 0, revenueMicros: { USD: 28_000n } });
    // Alpha's call at midnight, its unanswered one, and Bravo's.
    expect(day("2026-03-06")).toEqual({ day: "2026-03-06", calls: 3, billableSeconds: 660, activeTenants: 2, newTenants: 0, churnedTenants: 0, revenueMicros: { USD: 154_000n } });
    expect(day("2026-03-07")).toEqual({ day: "2026-03-07", calls: 1, billableSeconds: 300, activeTenants: 1, newTenants: 0, churnedTenants: 0, revenueMicros: { USD: 70_000n } });
    expect(day("2026-03-08")).toEqual({ day: "2026-03-08", ...zeroDay, churnedTenants: 1 });
    expect(day("2026-03-09")).toEqual({ day: "2026-03-09", calls: 1, billableSeconds: 180, activeTenants: 1, newTenants: 1, churnedTenants: 0, revenueMicros: { EUR: 300_000n } });
    expect(day("2026-03-10")).toEqual({ day: "2026-03-10", calls: 1, billableSeconds: 60, activeTenants: 1, newTenants: 0, churnedTenants: 0, revenueMicros: { USD: 14_000n } });
    // Distinct tenants over the range, not the sum of the days (6).
    expect(usage.totals).toEqual({ calls: 7, billableSeconds: 1320, activeTenants: 4, newTenants: 2, churnedTenants: 1, revenueMicros: { USD: 266_000n, EUR: 300_000n } });
    expect(usage.currencies).toEqual(["EUR", "USD"]);
    expect(usage.now).toEqual({ concurrentCalls: 2, queuedCalls: 1 });
  });

  it("sums the months of the range", async () => {
    await seedPlatform();
    const usage = await getPlatformUsage({ days: 30 }, NOW);
    expect(usage.range.from).toEqual(at("2026-02-09T00:00:00Z"));
    expect(usage.monthly).toEqual([
      { month: "2026-02", calls: 1, billableSeconds: 60, newTenants: 0, churnedTenants: 0, revenueMicros: { USD: 14_000n } },
      { month: "2026-03", calls: 8, billableSeconds: 1380, newTenants: 2, churnedTenants: 1, revenueMicros: { USD: 280_000n, EUR: 300_000n } },
    ]);
    expect(usage.totals).toMatchObject({ calls: 9, billableSeconds: 1440, activeTenants: 4 });
  });

  it("MRR is the active tenants' plan fees plus the trailing 30 days' rated usage; ARPU divides it by the active tenants", async () => {
    await seedPlatform();
    const { recurring } = await getPlatformUsage({ days: 7 }, NOW);
    // USD: Alpha (Starter), Bravo (Pro), Echo (no plan; reinstated); Delta is suspended. Usage since 2026-02-08T12:00Z.
    expect(recurring).toEqual([
      { currency: "EUR", activeTenants: 1, mrrPlansMicros: 49_000_000n, usageRunRateMicros: 300_000n, mrrMicros: 49_300_000n, arpuMicros: 49_300_000n },
      { currency: "USD", activeTenants: 3, mrrPlansMicros: 248_000_000n, usageRunRateMicros: 294_000n, mrrMicros: 248_294_000n, arpuMicros: 82_764_666n },
    ]);
  });

  it("ranks the top tenants by billed minutes or by revenue", async () => {
    await seedPlatform();
    const byMinutes = await getPlatformUsage({ days: 7, rankBy: "minutes" }, NOW);
    expect(byMinutes.topTenants.map((t) => [t.name, t.calls, t.billableSeconds, t.revenueMicros, t.currency, t.status])).toEqual([
      ["Bravo", 2, 660, 154_000n, "USD", "ACTIVE"],
      ["Delta", 1, 300, 70_000n, "USD", "SUSPENDED"],
      // A tie on minutes goes to the larger revenue.
      ["Charlie", 1, 180, 300_000n, "EUR", "ACTIVE"],
      ["Alpha", 3, 180, 42_000n, "USD", "ACTIVE"],
    ]);
    const byRevenue = await getPlatformUsage({ days: 7, rankBy: "revenue" }, NOW);
    expect(byRevenue.topTenants.map((t) => t.name)).toEqual(["Charlie", "Bravo", "Delta", "Alpha"]);
  });

  it("counts a tenant scheduled for deletion as churned that day and no longer active", async () => {
    const { a } = await seedPlatform();
    await scheduleTenantDeletion(staff, { tenantId: a.id, confirmName: "Alpha", reason: "asked to leave" }, at("2026-03-09T15:00:00Z"));
    const usage = await getPlatformUsage({ days: 7 }, NOW);
    expect(usage.daily.find((d) => d.day === "2026-03-09")).toMatchObject({ newTenants: 1, churnedTenants: 1 });
    expect(usage.totals.churnedTenants).toBe(2);
    expect(usage.recurring.find((r) => r.currency === "USD")).toMatchObject({ activeTenants: 2, mrrPlansMicros: 199_000_000n });
    // Its usage was billed: the run-rate keeps it.
    expect(usage.recurring.find((r) => r.currency === "USD")?.usageRunRateMicros).toBe(294_000n);
    // Cancelling the deletion makes it active again, churned on no day.
    await cancelTenantDeletion(staff, { tenantId: a.id });
    expect((await getPlatformUsage({ days: 7 }, NOW)).totals.churnedTenants).toBe(1);
  });

  it("refuses a range it does not offer, naming the field", async () => {
    await expect(getPlatformUsage({ days: 12 as 7 }, NOW)).rejects.toThrow(/one of 7, 30 or 90/);
  });
});

describe("the CSV export", () => {
  it("writes the daily series with a revenue column per currency, and the top tenants, amounts as exact decimals", async () => {
    await seedPlatform();
    const daily = await exportPlatformUsage(ZPlatformUsageExportQuery.parse({ kind: "daily", days: "7" }), NOW);
    expect(daily.columns).toEqual(["day", "calls", "billable_seconds", "billed_minutes", "active_tenants", "new_tenants", "churned_tenants", "revenue_EUR", "revenue_USD"]);
    expect(daily.rows).toHaveLength(7);
    expect(daily.rows[2]).toEqual(["2026-03-06", 3, 660, "11.00", 2, 0, 0, "0.000000", "0.154000"]);
    expect(daily.rows[5]).toEqual(["2026-03-09", 1, 180, "3.00", 1, 1, 0, "0.300000", "0.000000"]);
    const tenants = await exportPlatformUsage(ZPlatformUsageExportQuery.parse({ kind: "tenants", days: "7", rankBy: "revenue" }), NOW);
    expect(tenants.name).toBe("top-tenants-by-revenue-7d");
    expect(tenants.rows.map((r) => [r[0], r[2], r[7], r[8]])).toEqual([
      [1, "Charlie", "3.00", "0.300000"],
      [2, "Bravo", "11.00", "0.154000"],
      [3, "Delta", "5.00", "0.070000"],
      [4, "Alpha", "3.00", "0.042000"],
    ]);
  });

  it("names what is wrong in the query string", () => {
    const bad = ZPlatformUsageExportQuery.safeParse({ kind: "weekly", days: "8" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["kind", "daily or tenants"],
      ["days", "one of 7, 30 or 90"],
    ]);
  });
});

describe("a price plan's monthly fee", () => {
  it("is set by staff, audited with before and after, and moves MRR (plans)", async () => {
    const { starter } = await seedPlatform();
    const updated = await updatePricePlanFee(staff, { pricePlanId: starter.id, monthlyFeeMicros: "59000000" });
    expect(updated.monthlyFeeMicros).toBe(59_000_000n);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "price_plan.fee_updated", targetId: starter.id } });
    expect(audit).toMatchObject({ tenantId: null, targetType: "price_plan", before: { name: "Starter", monthlyFeeMicros: "49000000" }, after: { name: "Starter", monthlyFeeMicros: "59000000" } });
    const { recurring } = await getPlatformUsage({ days: 7 }, NOW);
    expect(recurring.map((r) => r.mrrPlansMicros)).toEqual([59_000_000n, 258_000_000n]);
  });

  it("refuses a negative or fractional fee and an unknown plan", async () => {
    await expect(updatePricePlanFee(staff, { pricePlanId: "pp_x", monthlyFeeMicros: "-1" })).rejects.toThrow(/non-negative number of micro-units/);
    await expect(updatePricePlanFee(staff, { pricePlanId: "pp_x", monthlyFeeMicros: "4.5" })).rejects.toThrow(/non-negative number of micro-units/);
    expect((await rejection(updatePricePlanFee(staff, { pricePlanId: "pp_missing", monthlyFeeMicros: "1" }))).code).toBe("NOT_FOUND");
  });
});
