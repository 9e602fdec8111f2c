import { describe, expect, it } from "vitest";
import type { StaffRole } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { setStaffRole } from "@/server/admin/staff-roles";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { tenantsOnOwnPlan } from "@/test/broadcast-fixtures";
import { createTrpcContext } from "@/trpc/init";
import { appRouter, createCaller } from "@/trpc/routers/_app";

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
    await expect(caller(staff).admin.tenants()).resolves.toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
  });

  it("search the platform and list tenants from the support role up; nobody else does", async () => {
    const { tenant, user } = await createTestTenant({ name: "Gatekeeper Search Co" });
    const tenantUser = createCaller(createTrpcContext({ headers: new Headers(), getUser: async () => ({ id: user.id, email: user.email, name: "T", isPlatformStaff: false, impersonatorId: null, mfa: true }) }));
    const support = await staffMember("SUPPORT");
    const withoutRole = await staffMember(null);
    for (const c of [tenantUser, caller(withoutRole), caller(support, false)]) {
      expect(await failure(c.admin.search({ q: "Gatekeeper" }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await failure(c.admin.tenants({ q: "Gatekeeper" }))).toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(caller(support).admin.search({ q: "Gatekeeper Search" })).resolves.toMatchObject({ hits: [expect.objectContaining({ kind: "tenant", id: tenant.id })] });
    await expect(caller(support).admin.tenants({ q: "Gatekeeper" })).resolves.toMatchObject({ total: 1, items: [expect.objectContaining({ id: tenant.id })] });
    expect(await failure(caller(support).admin.search({ q: "G" }))).toMatchObject({ code: "BAD_REQUEST" });
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

describe("broadcast email procedures", () => {
  const names = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("admin.broadcasts."));
  // One call of each procedure; ids that do not exist are fine: the gate answers before the use-case runs.
  const calls: Record<string, (c: ReturnType<typeof caller>) => Promise<unknown>> = {
    "admin.broadcasts.list": (c) => c.admin.broadcasts.list(),
    "admin.broadcasts.get": (c) => c.admin.broadcasts.get({ broadcastId: "bc_none" }),
    "admin.broadcasts.recipients": (c) => c.admin.broadcasts.recipients({ broadcastId: "bc_none" }),
    "admin.broadcasts.preview": (c) => c.admin.broadcasts.preview({ subject: "Hi", bodyMarkdown: "Hi", segment: {} }),
    "admin.broadcasts.createDraft": (c) => c.admin.broadcasts.createDraft({ subject: "Hi", bodyMarkdown: "Hi", segment: { plans: ["pp_none"] } }),
    "admin.broadcasts.updateDraft": (c) => c.admin.broadcasts.updateDraft({ broadcastId: "bc_none", subject: "Hi", bodyMarkdown: "Hi", segment: {} }),
    "admin.broadcasts.send": (c) => c.admin.broadcasts.send({ broadcastId: "bc_none" }),
    "admin.broadcasts.cancel": (c) => c.admin.broadcasts.cancel({ broadcastId: "bc_none" }),
  };
  const writes = ["admin.broadcasts.createDraft", "admin.broadcasts.updateDraft", "admin.broadcasts.send", "admin.broadcasts.cancel"];

  it("every one is listed here, and refuses anyone who is not staff or has no second factor", async () => {
    expect(names.sort()).toEqual(Object.keys(calls).sort());
    const { user } = await createTestTenant();
    const tenantUser = createCaller(createTrpcContext({ headers: new Headers(), getUser: async () => ({ id: user.id, email: user.email, name: "T", isPlatformStaff: false, impersonatorId: null, mfa: true }) }));
    const staff = await staffMember("OWNER");
    for (const name of names) {
      expect(await failure(calls[name]!(tenantUser)), name).toMatchObject({ code: "FORBIDDEN", message: "platform staff only" });
      expect((await failure(calls[name]!(caller(staff, false))))?.message, name).toMatch(/^second_factor_required/);
    }
  });

  it("support reads; operators and owners write, send and cancel", async () => {
    const support = await staffMember("SUPPORT");
    for (const name of names) {
      const refused = await failure(calls[name]!(caller(support)));
      if (writes.includes(name)) expect(refused?.message, name).toBe("needs the operator staff role (you are support)");
      else expect(refused?.message ?? "", name).not.toMatch(/staff role|platform staff/);
    }
    const { segment } = await tenantsOnOwnPlan(1);
    for (const role of ["OPERATOR", "OWNER"] as const) {
      const c = caller(await staffMember(role));
      const draft = await c.admin.broadcasts.createDraft({ subject: "Hello {{tenant.name}}", bodyMarkdown: "Hi", segment });
      await c.admin.broadcasts.updateDraft({ broadcastId: draft.id, subject: "Hello again", bodyMarkdown: "Hi", segment });
      await expect(c.admin.broadcasts.send({ broadcastId: draft.id })).resolves.toMatchObject({ status: "SENDING", recipientCount: 1 });
      await expect(c.admin.broadcasts.cancel({ broadcastId: draft.id })).resolves.toMatchObject({ status: "CANCELLED" });
    }
    // Support still reads what they wrote.
    const list = await caller(support).admin.broadcasts.list();
    expect(list.length).toBeGreaterThanOrEqual(2);
    await expect(caller(support).admin.broadcasts.get({ broadcastId: list[0]!.id })).resolves.toMatchObject({ status: "CANCELLED" });
  });

  it("bad input is a 400 naming the field", async () => {
    const operator = caller(await staffMember("OPERATOR"));
    const e = (await failure(operator.admin.broadcasts.createDraft({ subject: "Hi {{nope}}", bodyMarkdown: "x", segment: { activity: { kind: "called_within", days: 0 } } }))) as { code: string; cause?: { issues?: { path: PropertyKey[]; message: string }[] } } | null;
    expect(e?.code).toBe("BAD_REQUEST");
    expect(e?.cause?.issues?.map((i) => [i.path.join("."), i.message])).toEqual([
      ["subject", "unknown variable {{nope}}; use {{tenant.name}}, {{user.name}}, {{user.email}}"],
      ["segment.activity.days", "1 to 365 days"],
    ]);
  });
});
