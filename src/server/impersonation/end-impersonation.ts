import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import type { StaffActor } from "@/server/admin/staff-actor";

/**
 * Ends the staff member's impersonation (the banner's End button, or staff ending it from /admin). Idempotent:
 * ending one already over changes nothing. Returns the tenant it was in, for the way back to its admin page.
 */
export async function endImpersonation(staff: StaffActor & { userId: string }, sessionId: string, now = new Date()): Promise<{ tenantId: string | null }> {
  return db.$transaction(async (tx) => {
    const session = await tx.impersonationSession.findFirst({ where: { id: sessionId, staffUserId: staff.userId }, select: { id: true, tenantId: true, targetUserId: true, endedAt: true, startedAt: true, expiresAt: true } });
    if (!session) return { tenantId: null };
    if (session.endedAt) return { tenantId: session.tenantId };
    const expired = session.expiresAt <= now;
    await tx.impersonationSession.update({ where: { id: session.id }, data: { endedAt: expired ? session.expiresAt : now, endedHow: expired ? "expired" : "ended" } });
    const requests = await tx.auditLog.count({ where: { tenantId: session.tenantId, impersonatorId: staff.userId, action: "support.request", createdAt: { gte: session.startedAt } } });
    await recordAudit(tx, { tenantId: session.tenantId, userId: session.targetUserId, apiKeyId: null, impersonatorId: staff.userId, requestId: staff.requestId, ip: staff.ip ?? null }, {
      action: "support.access_ended",
      targetType: "impersonation",
      targetId: session.id,
      after: { how: expired ? "expired" : "ended", minutes: Math.round(((expired ? session.expiresAt : now).getTime() - session.startedAt.getTime()) / 60_000), requests },
    });
    return { tenantId: session.tenantId };
  });
}
