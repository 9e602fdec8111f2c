import { describe, expect, it } from "vitest";
import { configureAbuseLimits } from "@/server/auth/abuse-limits";
import { authenticateUser } from "@/server/auth/authenticate-user";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import type { AppError } from "@/server/errors";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { createInvitation } from "@/server/invitations/create-invitation";
import { findPendingInvitations } from "@/server/invitations/find-pending-invitations";
import { getInvitation } from "@/server/invitations/get-invitation";
import { revokeInvitation } from "@/server/invitations/revoke-invitation";
import { getOnboardingChecklist } from "@/server/onboarding/get-onboarding-checklist";
import { newId } from "@/server/shared/ids";
import { hashToken } from "@/server/shared/secret-token";
import { createTestTenant } from "@/test/factories";
import { tokenFromLastEmail } from "@/test/mail";

const INVITE_LINK = /\/invite\//;

async function invite(email: string, role: "AGENT" | "ADMIN" | "OWNER" = "AGENT") {
  const owner = await createTestTenant({ name: "Acme" });
  const { id } = await createInvitation(owner.actor, { email, role });
  return { ...owner, invitationId: id, token: await tokenFromLastEmail(email, INVITE_LINK) };
}

describe("invitations", () => {
  it("emails a link, ticks teammate_invited, writes an audit entry and lists as pending", async () => {
    const { actor, tenant, invitationId } = await invite("new@example.test");
    expect((await getOnboardingChecklist(tenant.id, "OWNER")).steps.find((s) => s.key === "teammate_invited")?.done).toBe(true);
    expect(await db.auditLog.findMany({ where: { tenantId: tenant.id } })).toMatchObject([
      { action: "invitation.created", targetId: invitationId, actorUserId: actor.userId },
    ]);
    expect(await findPendingInvitations(actor)).toMatchObject([{ id: invitationId, email: "new@example.test", role: "AGENT" }]);
  });

  it("lets someone new join by choosing a name and password", async () => {
    const { tenant, token } = await invite("newbie@example.test");
    await expect(getInvitation(token)).resolves.toMatchObject({ tenantName: "Acme", hasAccount: false, role: "AGENT" });
    const { userId } = await acceptInvitation({ token, newUser: { name: "Newbie", password: "newbie password" } }, null);
    expect(await db.membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: tenant.id, userId } } })).toMatchObject({ role: "AGENT" });
    await expect(authenticateUser({ email: "newbie@example.test", password: "newbie password" })).resolves.toMatchObject({ id: userId });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "invitation.accepted", actorUserId: userId } })).toBe(1);
    await expect(acceptInvitation({ token, newUser: { name: "Again", password: "newbie password" } }, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("makes an existing user sign in as the invited address, then joins them", async () => {
    const existing = await db.user.create({ data: { id: newId("usr"), email: "old@example.test", name: "Old", passwordHash: await hashPassword("old password 1") } });
    const someoneElse = await createTestTenant();
    const { tenant, token } = await invite("old@example.test");
    await expect(getInvitation(token)).resolves.toMatchObject({ hasAccount: true });

    await expect(acceptInvitation({ token }, null)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(acceptInvitation({ token }, someoneElse.user.id)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // A refused attempt must not use up the invitation.
    await expect(acceptInvitation({ token }, existing.id)).resolves.toMatchObject({ tenantId: tenant.id, userId: existing.id });
    expect(await db.membership.count({ where: { tenantId: tenant.id, userId: existing.id } })).toBe(1);
  });

  it("refuses an expired invitation", async () => {
    const { token } = await invite("late@example.test");
    await db.invitation.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(getInvitation(token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(acceptInvitation({ token, newUser: { name: "Late", password: "late password" } }, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.user.count({ where: { email: "late@example.test" } })).toBe(0);
  });

  it("refuses a revoked invitation, and revoking is audited", async () => {
    const { actor, tenant, token, invitationId } = await invite("gone@example.test");
    await revokeInvitation(actor, invitationId);
    await expect(acceptInvitation({ token, newUser: { name: "Gone", password: "gone password" } }, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findPendingInvitations(actor)).toEqual([]);
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "invitation.revoked", targetId: invitationId } })).toBe(1);
  });

  it("reads another tenant's invitation as NOT_FOUND", async () => {
    const { invitationId } = await invite("theirs@example.test");
    const other = await createTestTenant();
    await expect(revokeInvitation(other.actor, invitationId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps invitations for ADMIN and up, and OWNER invitations for owners", async () => {
    const agent = await createTestTenant({ role: "AGENT" });
    await expect(createInvitation(agent.actor, { email: "x@example.test", role: "AGENT" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await createTestTenant({ role: "ADMIN" });
    await expect(createInvitation(admin.actor, { email: "x@example.test", role: "OWNER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses to invite an existing member", async () => {
    const owner = await createTestTenant();
    await expect(createInvitation(owner.actor, { email: owner.user.email, role: "AGENT" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("invitation limits", () => {
  it("refuse a tenant past its daily budget, saying when to retry; other tenants are unaffected", async () => {
    configureAbuseLimits({ invitationsPerTenantPerDay: 2 });
    try {
      const { actor } = await createTestTenant({ name: "Spammy" });
      await createInvitation(actor, { email: `${newId("i")}@example.test`, role: "AGENT" });
      await createInvitation(actor, { email: `${newId("i")}@example.test`, role: "AGENT" });
      const third = `${newId("i")}@example.test`;
      const refused = await createInvitation(actor, { email: third, role: "AGENT" }).then(() => null, (e: unknown) => e as AppError);
      expect(refused).toMatchObject({ code: "RATE_LIMITED" });
      expect(refused?.message).toMatch(/^This workspace has sent its 2 invitations for today\. Try again in \d+ hours?\.$/);
      expect(refused?.retryAfter).toBeGreaterThan(23 * 3600);
      expect(await db.invitation.count({ where: { email: third } })).toBe(0);

      const other = await createTestTenant({ name: "Quiet" });
      await expect(createInvitation(other.actor, { email: third, role: "AGENT" })).resolves.toMatchObject({ id: expect.any(String) });
    } finally {
      configureAbuseLimits();
    }
  });
});
