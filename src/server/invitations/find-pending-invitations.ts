import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";

/** Invitations not yet accepted, revoked or expired, newest first. */
export async function findPendingInvitations(actor: Actor) {
  assertRole(actor, { minRole: "ADMIN" });
  return db.invitation.findMany({
    where: { tenantId: actor.tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    take: 200,
  });
}
