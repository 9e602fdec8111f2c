// Staff enter a tenant as one of its users, after saying why. The session is time-boxed and read-only until the
// staff member switches to act (enable-impersonation-acting.ts). The start is written to the tenant's own audit
// log under both identities, so the tenant's owner sees that support accessed the account, when and why.
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError, notFound } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { issueToken } from "@/server/shared/secret-token";
import type { StaffActor } from "@/server/admin/staff-actor";
import { ZStartImpersonationInput, type TStartImpersonationInput } from "@/server/impersonation/impersonation.schemas";

export interface StartedImpersonation {
  sessionId: string;
  /** Goes into the browser's impersonation cookie only; never stored. */
  token: string;
  expiresAt: Date;
}

export async function startImpersonation(staff: StaffActor & { userId: string }, rawInput: TStartImpersonationInput, now = new Date()): Promise<StartedImpersonation> {
  const input = ZStartImpersonationInput.parse(rawInput);
  const membership = await db.membership.findUnique({
    where: { tenantId_userId: { tenantId: input.tenantId, userId: input.userId } },
    select: { role: true, user: { select: { email: true, isPlatformStaff: true } }, tenant: { select: { name: true } } },
  });
  if (!membership) throw notFound("user in this tenant");
  if (membership.user.isPlatformStaff) throw new AppError("FORBIDDEN", "platform staff accounts cannot be impersonated");
  if (input.userId === staff.userId) throw new AppError("BAD_REQUEST", "you cannot impersonate yourself", { details: { fieldErrors: { userId: ["choose another user"] } } });

  const { token, tokenHash } = issueToken();
  const expiresAt = new Date(now.getTime() + input.minutes * 60_000);
  const sessionId = newId("imp");
  await db.$transaction(async (tx) => {
    // One impersonation per staff member at a time: a new one ends the old.
    const replaced = await tx.impersonationSession.findMany({ where: { staffUserId: staff.userId, endedAt: null, expiresAt: { gt: now } }, select: { id: true, tenantId: true, targetUserId: true } });
    for (const old of replaced) {
      await tx.impersonationSession.update({ where: { id: old.id }, data: { endedAt: now, endedHow: "replaced" } });
      await recordAudit(tx, { tenantId: old.tenantId, userId: old.targetUserId, apiKeyId: null, impersonatorId: staff.userId, requestId: staff.requestId, ip: staff.ip ?? null }, {
        action: "support.access_ended",
        targetType: "impersonation",
        targetId: old.id,
        after: { how: "replaced" },
      });
    }
    await tx.impersonationSession.create({ data: { id: sessionId, tokenHash, staffUserId: staff.userId, targetUserId: input.userId, tenantId: input.tenantId, reason: input.reason, startedAt: now, expiresAt } });
    await recordAudit(tx, { tenantId: input.tenantId, userId: input.userId, apiKeyId: null, impersonatorId: staff.userId, requestId: staff.requestId, ip: staff.ip ?? null }, {
      action: "support.access_started",
      targetType: "impersonation",
      targetId: sessionId,
      after: { reason: input.reason, asUser: membership.user.email, role: membership.role, mode: "read-only", expiresAt: expiresAt.toISOString(), minutes: input.minutes },
    });
  });
  return { sessionId, token, expiresAt };
}
