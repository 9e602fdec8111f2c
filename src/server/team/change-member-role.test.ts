import { describe, expect, it } from "vitest";
import type { MemberRole } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { changeMemberRole } from "@/server/team/change-member-role";
import { findMembers } from "@/server/team/find-members";
import { removeMember } from "@/server/team/remove-member";
import { newId } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";
import { createTestTenant } from "@/test/factories";

async function addMember(tenantId: string, role: MemberRole) {
  const user = await db.user.create({ data: { id: newId("usr"), email: `${newId("m")}@example.test`, name: role, passwordHash: "x" } });
  const membership = await db.membership.create({ data: { id: newId("mem"), tenantId, userId: user.id, role } });
  const actor: Actor = { tenantId, userId: user.id, role, apiKeyId: null, impersonatorId: null };
  return { user, membership, actor };
}

async function ownMembershipId(actor: Actor) {
  return (await db.membership.findFirstOrThrow({ where: { tenantId: actor.tenantId, userId: actor.userId! } })).id;
}

describe("team", () => {
  it("lists members and marks the caller", async () => {
    const { actor, tenant } = await createTestTenant();
    await addMember(tenant.id, "AGENT");
    const members = await findMembers(actor);
    expect(members).toHaveLength(2);
    expect(members.filter((m) => m.isYou)).toMatchObject([{ userId: actor.userId, role: "OWNER" }]);
  });

  it("changes a role and writes an audit entry with before and after", async () => {
    const { actor, tenant } = await createTestTenant();
    const agent = await addMember(tenant.id, "AGENT");
    await changeMemberRole(actor, { membershipId: agent.membership.id, role: "SUPERVISOR" });
    expect((await db.membership.findUniqueOrThrow({ where: { id: agent.membership.id } })).role).toBe("SUPERVISOR");
    expect(await db.auditLog.findFirst({ where: { tenantId: tenant.id, action: "member.role_changed" } })).toMatchObject({
      actorUserId: actor.userId,
      targetId: agent.membership.id,
      before: { role: "AGENT" },
      after: { role: "SUPERVISOR" },
    });
  });

  it("never demotes or removes the last OWNER", async () => {
    const { actor } = await createTestTenant();
    const mine = await ownMembershipId(actor);
    await expect(changeMemberRole(actor, { membershipId: mine, role: "ADMIN" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(removeMember(actor, mine)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db.membership.findUniqueOrThrow({ where: { id: mine } })).role).toBe("OWNER");
  });

  it("lets one of two owners step down, but not both at once", async () => {
    const { actor, tenant } = await createTestTenant();
    const second = await addMember(tenant.id, "OWNER");
    const mine = await ownMembershipId(actor);
    const results = await Promise.allSettled([
      changeMemberRole(actor, { membershipId: mine, role: "ADMIN" }),
      changeMemberRole(second.actor, { membershipId: second.membership.id, role: "ADMIN" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { tenantId: tenant.id, role: "OWNER" } })).toBe(1);
  });

  it("keeps OWNER changes for owners and all changes for ADMIN and up", async () => {
    const { tenant } = await createTestTenant();
    const admin = await addMember(tenant.id, "ADMIN");
    const agent = await addMember(tenant.id, "AGENT");
    const owner2 = await addMember(tenant.id, "OWNER");
    await expect(changeMemberRole(admin.actor, { membershipId: agent.membership.id, role: "OWNER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeMember(admin.actor, owner2.membership.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeMember(agent.actor, admin.membership.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await removeMember(admin.actor, agent.membership.id);
    expect(await db.membership.findUnique({ where: { id: agent.membership.id } })).toBeNull();
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "member.removed", targetId: agent.membership.id } })).toBe(1);
  });

  it("reads another tenant's member as NOT_FOUND", async () => {
    const mine = await createTestTenant();
    const theirs = await createTestTenant();
    const theirAgent = await addMember(theirs.tenant.id, "AGENT");
    await expect(changeMemberRole(mine.actor, { membershipId: theirAgent.membership.id, role: "ADMIN" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeMember(mine.actor, theirAgent.membership.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
