import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { lockTenantOwners } from "@/server/team/lock-tenant-owners";
import { assertRole, type Actor } from "@/server/tenancy";

/** ADMIN and up remove members; only an OWNER removes an OWNER, and never the last one. */
export async function removeMember(actor: Actor, membershipId: string): Promise<void> {
  assertRole(actor, { minRole: "ADMIN" });
  await db.$transaction(async (tx) => {
    const owners = await lockTenantOwners(tx, actor.tenantId);
    const member = await tx.membership.findFirst({ where: { id: membershipId, tenantId: actor.tenantId }, include: { user: { select: { email: true } } } });
    if (!member) throw notFound("member");
    if (member.role === "OWNER") {
      assertRole(actor, { minRole: "OWNER" });
      if (owners <= 1) throw new AppError("CONFLICT", "A workspace needs at least one owner. Make someone else an owner first.");
    }
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, actor, { action: "member.removed", targetType: "membership", targetId: member.id, before: { email: member.user.email, role: member.role } });
  });
}
