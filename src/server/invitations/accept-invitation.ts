import { recordAudit } from "@/server/audit/record-audit";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { assertInvitationOpen, INVALID_INVITATION } from "@/server/invitations/get-invitation";
import type { TAcceptInvitationInput } from "@/server/invitations/invitations.schemas";
import { newId } from "@/server/shared/ids";
import { hashToken } from "@/server/shared/secret-token";

/**
 * Joins the invitation's tenant. Someone new sets a name and password here (their address counts as verified:
 * the link reached them). Someone with an account must be signed in as the invited address.
 */
export async function acceptInvitation(input: TAcceptInvitationInput, sessionUserId: string | null): Promise<{ tenantId: string; email: string; userId: string }> {
  const passwordHash = input.newUser ? await hashPassword(input.newUser.password) : null;
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(input.token) }, include: { tenant: { select: { status: true } } } });
    assertInvitationOpen(invitation);
    // Claim it first: the conditional update makes the invitation single-use under concurrent accepts.
    const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count !== 1) throw new AppError("NOT_FOUND", INVALID_INVITATION);

    let user = await tx.user.findUnique({ where: { email: invitation.email } });
    if (user) {
      if (user.id !== sessionUserId) {
        throw new AppError("UNAUTHORIZED", `Sign in as ${invitation.email} to accept this invitation`);
      }
    } else {
      if (!input.newUser || !passwordHash) {
        throw new AppError("VALIDATION_FAILED", "Choose your name and a password", { details: { fieldErrors: { name: ["Enter your name"] } } });
      }
      user = await tx.user.create({
        data: { id: newId("usr"), email: invitation.email, name: input.newUser.name, passwordHash, emailVerifiedAt: new Date() },
      });
    }

    if (await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: invitation.tenantId, userId: user.id } } })) {
      throw new AppError("CONFLICT", "You are already a member of this workspace");
    }
    const membershipId = newId("mem");
    await tx.membership.create({ data: { id: membershipId, tenantId: invitation.tenantId, userId: user.id, role: invitation.role } });
    await recordAudit(
      tx,
      { tenantId: invitation.tenantId, userId: user.id, apiKeyId: null, impersonatorId: null },
      { action: "invitation.accepted", targetType: "membership", targetId: membershipId, after: { email: user.email, role: invitation.role, invitationId: invitation.id } },
    );
    return { tenantId: invitation.tenantId, email: user.email, userId: user.id };
  });
}
