import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import type { TChangeMemberRoleInput } from "@/server/team/team.schemas";
import { lockTenantOwners } from "@/server/team/lock-tenant-owners";
import { assertRole, type Actor } from "@/server/tenancy";

/** ADMIN and up change roles; only an OWNER grants or takes away OWNER, and the last OWNER stays one. */
export async function changeMemberRole(actor: Actor, input: TChangeMemberRoleInput): Promise<void> {
  assertRole(actor, { minRole: "ADMIN" });
  await db.$transaction(async (tx) => {
    const owners = await lockTenantOwners(tx, actor.tenantId);
    const member = await tx.membership.findFirst({ where: { id: input.membershipId, tenantId: actor.tenantId } });
    if (!member) throw notFound("member");
    if (member.role === input.role) return;
    if (member.role === "OWNER" || input.role === "OWNER") assertRole(actor, { minRole: "OWNER" });
    if (member.role === "OWNER" && owners <= 1) {
      throw new AppError("CONFLICT", "A workspace needs at least one owner. Make someone else an owner first.");
    }
    await tx.membership.update({ where: { id: member.id }, data: { role: input.role } });
    await recordAudit(tx, actor, { action: "member.role_changed", targetType: "membership", targetId: member.id, before: { role: member.role }, after: { role: input.role } });
  });
}
