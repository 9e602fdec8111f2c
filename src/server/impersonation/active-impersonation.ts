// The impersonation a browser is in, read on every request of a staff member who holds the impersonation cookie:
// live only while not ended, not expired, and started by this same staff member (a copied cookie is worthless to
// anyone else, and worthless once the session ends).
import { db } from "@/server/db";
import { hashToken } from "@/server/shared/secret-token";

export interface ActiveImpersonation {
  sessionId: string;
  tenantId: string;
  tenantName: string;
  reason: string;
  expiresAt: Date;
  /** Null while read-only. */
  actingSince: Date | null;
  staff: { id: string; name: string; email: string };
  target: { id: string; name: string; email: string };
}

export async function findActiveImpersonation(staffUserId: string, token: string, now = new Date()): Promise<ActiveImpersonation | null> {
  const session = await db.impersonationSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      staffUserId: true,
      targetUserId: true,
      tenantId: true,
      reason: true,
      expiresAt: true,
      actingSince: true,
      endedAt: true,
      tenant: { select: { name: true } },
    },
  });
  if (!session || session.staffUserId !== staffUserId || session.endedAt || session.expiresAt <= now) return null;
  const users = await db.user.findMany({ where: { id: { in: [session.staffUserId, session.targetUserId] } }, select: { id: true, name: true, email: true, isPlatformStaff: true, staffRole: true } });
  const staff = users.find((u) => u.id === session.staffUserId);
  const target = users.find((u) => u.id === session.targetUserId);
  // Staff who lost their role since, or a user who is gone, end the impersonation with them.
  if (!staff?.isPlatformStaff || !staff.staffRole || !target) return null;
  return {
    sessionId: session.id,
    tenantId: session.tenantId,
    tenantName: session.tenant.name,
    reason: session.reason,
    expiresAt: session.expiresAt,
    actingSince: session.actingSince,
    staff: { id: staff.id, name: staff.name, email: staff.email },
    target: { id: target.id, name: target.name, email: target.email },
  };
}
