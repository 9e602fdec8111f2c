import { describe, expect, it } from "vitest";
import type { StaffRole } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { findAuditEntries } from "@/server/audit/find-audit-entries";
import { findActiveImpersonation } from "@/server/impersonation/active-impersonation";
import { endImpersonation } from "@/server/impersonation/end-impersonation";
import { startImpersonation } from "@/server/impersonation/start-impersonation";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { createTrpcContext } from "@/trpc/init";
import { createCaller } from "@/trpc/routers/_app";

async function staffMember(staffRole: StaffRole = "SUPPORT") {
  return db.user.create({ data: { id: newId("usr"), email: `${newId("s").toLowerCase()}@irisx.test`, name: "Sam Support", passwordHash: "x", isPlatformStaff: true, staffRole } });
}

const asStaff = (staff: { id: string }) => ({ userId: staff.id, requestId: "req-test", ip: "203.0.113.9" });

/** A tRPC caller exactly as getSessionUser resolves a staff session holding this impersonation token. */
async function impersonatingCaller(staffId: string, token: string) {
  const impersonation = await findActiveImpersonation(staffId, token);
  if (!impersonation) throw new Error("no live impersonation");
  const user = { ...impersonation.target, isPlatformStaff: false, impersonatorId: staffId, impersonation, mfa: false };
  const resHeaders = new Headers();
  return { caller: createCaller(createTrpcContext({ headers: new Headers(), getUser: async () => user, resHeaders })), resHeaders };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { message: string; code: string },
  );

describe("impersonation", () => {
  it("starts only for a member of the tenant, never for staff, and writes the reason to the tenant's own audit log", async () => {
    const { tenant, user, actor } = await createTestTenant({ name: "Globex" });
    const other = await createTestTenant();
    const staff = await staffMember();
    await expect(startImpersonation(asStaff(staff), { tenantId: tenant.id, userId: other.user.id, reason: "customer ticket 42" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startImpersonation(asStaff(staff), { tenantId: tenant.id, userId: user.id, reason: "x" })).rejects.toThrow(/say why/);
    const colleague = await staffMember();
    await db.membership.create({ data: { id: newId("mem"), tenantId: tenant.id, userId: colleague.id, role: "ADMIN" } });
    await expect(startImpersonation(asStaff(staff), { tenantId: tenant.id, userId: colleague.id, reason: "customer ticket 42" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const started = await startImpersonation(asStaff(staff), { tenantId: tenant.id, userId: user.id, reason: "customer ticket 42" });
    expect(started.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(started.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    // The database keeps only the token's hash.
    const row = await db.impersonationSession.findUniqueOrThrow({ where: { id: started.sessionId } });
    expect(row.tokenHash).not.toContain(started.token);

    // The owner, in their own audit log, sees support's access: who, as whom, why, until when.
    const { items } = await findAuditEntries(actor, { limit: 50 });
    const entry = items.find((e) => e.action === "support.access_started");
    expect(entry).toMatchObject({ actor: { email: user.email }, impersonator: { email: staff.email } });
    expect(entry?.after).toMatchObject({ reason: "customer ticket 42", mode: "read-only", minutes: 30 });
  });

  it("lives only for its staff member, until it ends, expires or the staff role goes", async () => {
    const { tenant, user } = await createTestTenant();
    const staff = await staffMember();
    const thief = await staffMember();
    const { token, sessionId } = await startImpersonation(asStaff(staff), { tenantId: tenant.id, userId: user.id, reason: "check billing", minutes: 5 });
    expect(await findActiveImpersonation(staff.id, token)).toMatchObject({ sessionId, target: { id: user.id }, actingSince: null });
    expect(await findActiveImpersonation(thief.id, token)).toBeNull();
    expect(await findActiveImpersonation(staff.id, token, new Date(Date.now() + 6 * 60_000))).toBeNull();
    await db.user.update({ where: { id: staff.id }, data: { staffRole: null } });
    expect(await findActiveImpersonation(staff.id, token)).toBeNull();
    await db.user.update({ where: { id: staff.id }, data: { staffRole: "SUPPORT" } });

    await endImpersonation(asStaff(staff), sessionId);
    expect(await findActiveImpersonation(staff.id, token)).toBeNull();
    await endImpersonation(asStaff(staff), sessionId);
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "support.access_ended" } })).toBe(1);
  });

  it("is read-only until an operator switches to act; every request is audited under both identities", async () => {
    const { tenant, user } = await createTestTenant({ name: "Initech" });
    const support = await staffMember("SUPPORT");
    const started = await startImpersonation(asStaff(support), { tenantId: tenant.id, userId: user.id, reason: "ticket 7: cannot see calls" });
    const { caller } = await impersonatingCaller(support.id, started.token);

    await expect(caller.tenant.current()).resolves.toMatchObject({ name: "Initech" });
    const refused = await failure(caller.tenant.rename({ name: "Hacked" }));
    expect(refused).toMatchObject({ code: "FORBIDDEN" });
    expect(refused?.message).toMatch(/read-only impersonation/);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).name).toBe("Initech");

    // Support reads; acting needs an operator.
    expect((await failure(caller.impersonation.enableActing({ reason: "fix the caller ID" })))?.message).toMatch(/operator staff role/);

    const requests = await db.auditLog.findMany({ where: { tenantId: tenant.id, action: "support.request" }, orderBy: { createdAt: "asc" } });
    expect(requests.map((r) => [r.targetId, r.actorUserId, r.impersonatorId, (r.after as { ok: boolean }).ok])).toEqual([
      ["tenant.current", user.id, support.id, true],
      ["tenant.rename", user.id, support.id, false],
      ["impersonation.enableActing", user.id, support.id, false],
    ]);

    const operator = await staffMember("OPERATOR");
    const second = await startImpersonation(asStaff(operator), { tenantId: tenant.id, userId: user.id, reason: "ticket 7: fix the name" });
    const { caller: acting } = await impersonatingCaller(operator.id, second.token);
    await expect(acting.impersonation.enableActing({ reason: "customer asked us to rename" })).resolves.toBeTruthy();
    const { caller: actingNow } = await impersonatingCaller(operator.id, second.token);
    await expect(actingNow.tenant.rename({ name: "Initech Ltd" })).resolves.toBeTruthy();
    const rename = await db.auditLog.findFirstOrThrow({ where: { tenantId: tenant.id, action: "tenant.renamed" } });
    expect([rename.actorUserId, rename.impersonatorId]).toEqual([user.id, operator.id]);
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "support.acting_enabled", impersonatorId: operator.id } })).toBe(1);
  });

  it("never reveals secrets nor touches the user's second factor, even when acting", async () => {
    const { tenant, user } = await createTestTenant();
    const operator = await staffMember("OPERATOR");
    const { token, sessionId } = await startImpersonation(asStaff(operator), { tenantId: tenant.id, userId: user.id, reason: "debugging webhooks" });
    const { caller: c0 } = await impersonatingCaller(operator.id, token);
    await c0.impersonation.enableActing({ reason: "needs changes" });
    const { caller } = await impersonatingCaller(operator.id, token);
    const secrets: (() => Promise<unknown>)[] = [
      () => caller.apiKeys.create({ name: "sneaky", scopes: ["calls:read"] }),
      () => caller.webhooks.create({ url: "https://example.com/hook", eventTypes: ["call.completed"] }),
      () => caller.account.revealAuthToken(),
      () => caller.account.rotateAuthToken(),
      () => caller.sipUsers.create({ username: "agent7" }),
      () => caller.twoFactor.begin(),
    ];
    for (const attempt of secrets) {
      const e = await failure(attempt());
      expect(e?.code).toBe("FORBIDDEN");
      expect(e?.message).toMatch(/impersonat/);
    }
    expect(await db.apiKey.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(sessionId).toBeTruthy();
  });

  it("is bound to its tenant: the user's other workspaces read as not found", async () => {
    const { tenant, user } = await createTestTenant({ name: "First" });
    const second = await createTestTenant({ name: "Second" });
    await db.membership.create({ data: { id: newId("mem"), tenantId: second.tenant.id, userId: user.id, role: "OWNER" } });
    const staff = await staffMember();
    const { token } = await startImpersonation(asStaff(staff), { tenantId: second.tenant.id, userId: user.id, reason: "only the second one" });
    const impersonation = (await findActiveImpersonation(staff.id, token))!;
    const getUser = async () => ({ ...impersonation.target, isPlatformStaff: false, impersonatorId: staff.id, impersonation, mfa: false });
    // Even a tenant hint naming the first workspace lands in the second, and the list holds only the second.
    const caller = createCaller(createTrpcContext({ headers: new Headers({ "x-irisx-tenant": tenant.id }), getUser }));
    await expect(caller.tenant.current()).resolves.toMatchObject({ name: "Second" });
    expect((await caller.tenant.list()).map((t) => t.name)).toEqual(["Second"]);
  });

  it("is refused to non-staff and to staff without the second factor", async () => {
    const { tenant, user } = await createTestTenant();
    const plain = createCaller(createTrpcContext({ headers: new Headers(), getUser: async () => ({ id: user.id, email: user.email, name: "x", isPlatformStaff: false, impersonatorId: null, mfa: true }) }));
    expect((await failure(plain.admin.startImpersonation({ tenantId: tenant.id, userId: user.id, reason: "let me in please" })))?.code).toBe("FORBIDDEN");
    expect((await failure(plain.impersonation.end()))?.code).toBe("NOT_FOUND");

    const staff = await staffMember();
    const noMfa = createCaller(createTrpcContext({ headers: new Headers(), getUser: async () => ({ id: staff.id, email: staff.email, name: "x", isPlatformStaff: true, impersonatorId: null, mfa: false }) }));
    expect((await failure(noMfa.admin.startImpersonation({ tenantId: tenant.id, userId: user.id, reason: "let me in please" })))?.message).toMatch(/second_factor/);

    // The staff procedure sets the cookie, httpOnly, no longer than the session.
    const resHeaders = new Headers();
    const withMfa = createCaller(createTrpcContext({ headers: new Headers(), resHeaders, getUser: async () => ({ id: staff.id, email: staff.email, name: "x", isPlatformStaff: true, impersonatorId: null, mfa: true }) }));
    await withMfa.admin.startImpersonation({ tenantId: tenant.id, userId: user.id, reason: "ticket 99", minutes: 15 });
    expect(resHeaders.get("set-cookie")).toMatch(/^irisx_impersonation=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=(899|900)$/);
  });
});
