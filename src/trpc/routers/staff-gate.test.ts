import { describe, expect, it } from "vitest";
import type { StaffRole } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { setStaffRole } from "@/server/admin/staff-roles";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { createTrpcContext } from "@/trpc/init";
import { createCaller } from "@/trpc/routers/_app";

async function staffMember(staffRole: StaffRole | null) {
  return db.user.create({ data: { id: newId("usr"), email: `${newId("u").toLowerCase()}@example.test`, name: "Pat", passwordHash: "x", isPlatformStaff: true, staffRole } });
}

const caller = (u: { id: string; email: string }, mfa = true, isPlatformStaff = true) =>
  createCaller(createTrpcContext({ headers: new Headers(), getUser: async () => ({ id: u.id, email: u.email, name: "Pat", isPlatformStaff, impersonatorId: null, mfa }) }));

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { message: string; code: string },
  );

describe("platform staff", () => {
  it("reach admin procedures only in a session signed in with the second factor", async () => {
    const staff = await staffMember("SUPPORT");
    const without = await failure(caller(staff, false).admin.tenants());
    expect(without).toMatchObject({ code: "FORBIDDEN" });
    expect(without?.message).toMatch(/second_factor_required/);
    await expect(caller(staff).admin.tenants()).resolves.toBeInstanceOf(Array);
  });

  it("act by role: support reads, operators act on tenants, owners run flags and staff", async () => {
    const { tenant } = await createTestTenant();
    const [support, operator, owner] = [await staffMember("SUPPORT"), await staffMember("OPERATOR"), await staffMember("OWNER")];
    const suspend = (u: { id: string; email: string }) => caller(u).admin.suspendTenant({ tenantId: tenant.id, reason: "role check" });
    const flag = (u: { id: string; email: string }) => caller(u).admin.upsertFlag({ key: `role_check_${tenant.id.slice(-6).toLowerCase()}`, enabled: false, rolloutPercent: 0 });

    await expect(caller(support).admin.audit({ tenantId: tenant.id })).resolves.toBeTruthy();
    expect((await failure(suspend(support)))?.message).toBe("needs the operator staff role (you are support)");
    await expect(suspend(operator)).resolves.toMatchObject({ status: "SUSPENDED" });
    expect((await failure(flag(operator)))?.message).toBe("needs the owner staff role (you are operator)");
    await expect(flag(owner)).resolves.toBeTruthy();
    expect((await failure(caller(operator).admin.setStaffRole({ email: support.email, role: "OWNER" })))?.code).toBe("FORBIDDEN");
  });

  it("a role change or removal takes effect at once, whatever the session says", async () => {
    const owner = await staffMember("OWNER");
    const member = await staffMember("OPERATOR");
    await expect(caller(member).admin.tenants()).resolves.toBeTruthy();
    await caller(owner).admin.setStaffRole({ email: member.email, role: null });
    expect(await failure(caller(member).admin.tenants())).toMatchObject({ code: "FORBIDDEN", message: "platform staff only" });
    expect(await db.auditLog.count({ where: { actorUserId: owner.id, action: "staff.removed", targetId: member.id } })).toBe(1);
  });

  it("the platform keeps an owner, and staff must be existing users", async () => {
    const owners = await db.user.findMany({ where: { isPlatformStaff: true, staffRole: "OWNER" }, select: { email: true } });
    const only = await staffMember("OWNER");
    // Demote every other owner first, so `only` is the last.
    for (const o of owners) await setStaffRole({ userId: only.id, requestId: "t" }, { email: o.email, role: "SUPPORT" });
    await expect(setStaffRole({ userId: only.id, requestId: "t" }, { email: only.email, role: "SUPPORT" })).rejects.toThrow(/at least one owner/);
    await expect(setStaffRole({ userId: only.id, requestId: "t" }, { email: "nobody@example.test", role: "SUPPORT" })).rejects.toThrow(/no user with that email/);
    for (const o of owners) await setStaffRole({ userId: only.id, requestId: "t" }, { email: o.email, role: "OWNER" });
  });

  it("usage and revenue, health history and recent failures: staff only; a plan's monthly fee: owners only", async () => {
    const plan = await db.pricePlan.create({ data: { id: newId("pp"), name: `gate ${newId("p")}`, outboundMicrosPerMinute: 1n, inboundMicrosPerMinute: 1n } });
    const reads = (c: ReturnType<typeof caller>) => [c.admin.usage({ days: 7 }), c.admin.healthHistory({ range: "24h" }), c.admin.recentFailures()];
    const setFee = (c: ReturnType<typeof caller>) => c.admin.setPlanMonthlyFee({ pricePlanId: plan.id, monthlyFeeMicros: "49000000" });
    const { user: tenantUser } = await createTestTenant();
    const support = await staffMember("SUPPORT");
    for (const refused of [caller(tenantUser, true, false), caller(support, false)]) {
      for (const p of [...reads(refused), setFee(refused)]) expect(await failure(p)).toMatchObject({ code: "FORBIDDEN" });
    }
    for (const p of reads(caller(support))) await expect(p).resolves.toBeTruthy();
    expect((await failure(setFee(caller(support))))?.message).toBe("needs the owner staff role (you are support)");
    expect((await failure(setFee(caller(await staffMember("OPERATOR")))))?.message).toBe("needs the owner staff role (you are operator)");
    await expect(setFee(caller(await staffMember("OWNER")))).resolves.toMatchObject({ monthlyFeeMicros: 49_000_000n });
    expect((await failure(caller(support).admin.usage({ days: 12 as 7 })))?.code).toBe("BAD_REQUEST");
  });
});
