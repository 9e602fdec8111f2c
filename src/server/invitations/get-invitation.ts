import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { hashToken } from "@/server/shared/secret-token";

export const INVALID_INVITATION = "This invitation is no longer valid. Ask the person who invited you for a new one.";

/** A missing, revoked, accepted or expired invitation, or one to a suspended tenant, all read the same. */
export function assertInvitationOpen<T extends { revokedAt: Date | null; acceptedAt: Date | null; expiresAt: Date; tenant: { status: string } }>(
  invitation: T | null,
): asserts invitation is T {
  if (!invitation || invitation.revokedAt || invitation.acceptedAt || invitation.expiresAt <= new Date() || invitation.tenant.status !== "ACTIVE") {
    throw new AppError("NOT_FOUND", INVALID_INVITATION);
  }
}

/** What the invite page shows: who invites, to what, and whether the invitee already has an account. */
export async function getInvitation(token: string) {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { tenant: { select: { name: true, status: true } } } });
  assertInvitationOpen(invitation);
  const existing = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return { email: invitation.email, role: invitation.role, tenantName: invitation.tenant.name, hasAccount: Boolean(existing), expiresAt: invitation.expiresAt };
}
