import { env } from "@/env";
import { recordAudit } from "@/server/audit/record-audit";
import { assertMayInvite } from "@/server/auth/abuse-limits";
import { db } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { invitationTemplate } from "@/server/email/templates/invitation";
import { AppError } from "@/server/errors";
import type { TCreateInvitationInput } from "@/server/invitations/invitations.schemas";
import { recordMilestone } from "@/server/onboarding/record-milestone";
import { newId } from "@/server/shared/ids";
import { issueToken } from "@/server/shared/secret-token";
import { assertRole, type Actor } from "@/server/tenancy";
import { assertSeatCapRoom } from "@/server/tenant/tenant-caps";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invites someone by email (ADMIN and up; only an OWNER may invite another OWNER). Inviting an address that
 * already has a pending invitation replaces it, which is how "resend" works. Each call counts against the
 * tenant's daily invitation budget (abuse-limits.ts): every one sends a mail from our domain.
 */
export async function createInvitation(actor: Actor, input: TCreateInvitationInput): Promise<{ id: string; expiresAt: Date }> {
  assertRole(actor, { minRole: "ADMIN" });
  if (input.role === "OWNER") assertRole(actor, { minRole: "OWNER" });

  const member = await db.membership.findFirst({ where: { tenantId: actor.tenantId, user: { email: input.email } } });
  if (member) {
    throw new AppError("CONFLICT", "This person is already a member", { details: { fieldErrors: { email: ["This person is already a member"] } } });
  }
  await assertMayInvite(actor.tenantId);

  const { token, tokenHash } = issueToken();
  const id = newId("inv");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const { tenant, inviter } = await db.$transaction(async (tx) => {
    const now = new Date();
    await tx.invitation.updateMany({
      where: { tenantId: actor.tenantId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await assertSeatCapRoom(tx, actor.tenantId, now);
    await tx.invitation.create({
      data: { id, tenantId: actor.tenantId, email: input.email, role: input.role, tokenHash, invitedById: actor.userId ?? "api", expiresAt },
    });
    await recordMilestone(tx, actor.tenantId, "teammate_invited");
    await recordAudit(tx, actor, { action: "invitation.created", targetType: "invitation", targetId: id, after: { email: input.email, role: input.role } });
    return {
      tenant: await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { name: true } }),
      inviter: actor.userId ? await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } }) : null,
    };
  });

  await sendEmail({
    to: input.email,
    ...invitationTemplate({ inviterName: inviter?.name ?? "A teammate", tenantName: tenant.name, role: input.role, url: `${env.APP_URL}/invite/${token}` }),
  });
  return { id, expiresAt };
}
