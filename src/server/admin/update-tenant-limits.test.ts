import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { findPricePlans, updateTenantLimits } from "@/server/admin/update-tenant-limits";

const staff = { userId: "usr_staff", requestId: "req-test", ip: "127.0.0.1" };

describe("updateTenantLimits (platform staff)", () => {
  it("sets the pacing limits and price plan and audits before/after on the tenant", async () => {
    const { tenant } = await createTestTenant();
    const plan = await db.pricePlan.create({
      data: { id: newId("pp"), name: `wholesale ${tenant.id}`, outboundMicrosPerMinute: 9_000n, inboundMicrosPerMinute: 4_000n, billingIncrementSeconds: 6 },
    });
    const after = await updateTenantLimits(staff, { tenantId: tenant.id, callsPerSecond: 25, maxConcurrentCalls: 400, pricePlanId: plan.id });
    expect(after).toEqual({ callsPerSecond: 25, maxConcurrentCalls: 400, pricePlanId: plan.id, maxPhoneNumbers: null, maxSeats: null });
    expect((await findPricePlans()).map((p) => p.id)).toContain(plan.id);
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: tenant.id, action: "tenant.limits_updated" } });
    expect(audit.actorUserId).toBe("usr_staff");
    expect(audit.before).toMatchObject({ callsPerSecond: 5, maxConcurrentCalls: 50, pricePlanId: null });
    expect(audit.after).toMatchObject({ callsPerSecond: 25, maxConcurrentCalls: 400, pricePlanId: plan.id });

    // Caps on numbers and seats; left out, they stay.
    await updateTenantLimits(staff, { tenantId: tenant.id, callsPerSecond: 25, maxConcurrentCalls: 400, pricePlanId: plan.id, maxPhoneNumbers: 3, maxSeats: 10 });
    await expect(updateTenantLimits(staff, { tenantId: tenant.id, callsPerSecond: 25, maxConcurrentCalls: 400, pricePlanId: plan.id })).resolves.toMatchObject({ maxPhoneNumbers: 3, maxSeats: 10 });
    await expect(updateTenantLimits(staff, { tenantId: tenant.id, callsPerSecond: 25, maxConcurrentCalls: 400, pricePlanId: plan.id, maxSeats: -1 })).rejects.toThrow(/0 or more/);

    // Back to the default plan.
    const reset = await updateTenantLimits(staff, { tenantId: tenant.id, callsPerSecond: 1, maxConcurrentCalls: 0, pricePlanId: null });
    expect(reset.pricePlanId).toBeNull();
  });

  it("names the field for an unknown plan or a bad limit, changes nothing, and 404s an unknown tenant", async () => {
    const { tenant } = await createTestTenant();
    await expect(updateTenantLimits(staff, { tenantId: tenant.id, callsPerSecond: 10, maxConcurrentCalls: 10, pricePlanId: "pp_nope" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fieldErrors: { pricePlanId: ["no such price plan"] } },
    });
    await expect(updateTenantLimits(staff, { tenantId: tenant.id, callsPerSecond: 0, maxConcurrentCalls: 10, pricePlanId: null })).rejects.toThrow(/at least 1/);
    expect(await db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { callsPerSecond: true } })).toEqual({ callsPerSecond: 5 });
    await expect(updateTenantLimits(staff, { tenantId: "tn_missing", callsPerSecond: 10, maxConcurrentCalls: 10, pricePlanId: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
