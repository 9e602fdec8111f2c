import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

export async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
  assertRole(actor, { minRole: "ADMIN" });
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: invitationId, tenantId: actor.tenantId } });
    if (!invitation) throw notFound("invitation");
    if (invitation.acceptedAt) throw new AppError("CONFLICT", "This invitation was already accepted");
    if (invitation.revokedAt) return;
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { action: "invitation.revoked", targetType: "invitation", targetId: invitation.id, before: { email: invitation.email, role: invitation.role } });
  });
}
