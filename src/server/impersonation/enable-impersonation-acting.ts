// Read-only is the default: to change anything while impersonating, staff switch to act, explicitly and with a
// reason, and only with the operator role or above (support reads). Audited under both identities.
import type { StaffRole } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import { staffRoleAllows, staffRoleOf } from "@/server/admin/staff-roles";
import type { StaffActor } from "@/server/admin/staff-actor";
import { ZEnableActingInput, type TEnableActingInput } from "@/server/impersonation/impersonation.schemas";

export async function enableImpersonationActing(staff: StaffActor & { userId: string }, sessionId: string, rawInput: TEnableActingInput, now = new Date()) {
  const input = ZEnableActingInput.parse(rawInput);
  const role: StaffRole | null = await staffRoleOf(staff.userId);
  if (!role || !staffRoleAllows(role, "OPERATOR")) throw new AppError("FORBIDDEN", `acting as a user needs the operator staff role (you are ${role?.toLowerCase() ?? "not staff"})`);
  return db.$transaction(async (tx) => {
    const session = await tx.impersonationSession.findFirst({ where: { id: sessionId, staffUserId: staff.userId, endedAt: null, expiresAt: { gt: now } }, select: { id: true, tenantId: true, targetUserId: true, actingSince: true } });
    if (!session) throw new AppError("NOT_FOUND", "this impersonation has ended");
    if (session.actingSince) return { actingSince: session.actingSince };
    await tx.impersonationSession.update({ where: { id: session.id }, data: { actingSince: now, actingReason: input.reason } });
    await recordAudit(tx, { tenantId: session.tenantId, userId: session.targetUserId, apiKeyId: null, impersonatorId: staff.userId, requestId: staff.requestId, ip: staff.ip ?? null }, {
      action: "support.acting_enabled",
      targetType: "impersonation",
      targetId: session.id,
      before: { mode: "read-only" },
      after: { mode: "acting", reason: input.reason },
    });
    return { actingSince: now };
  });
}
