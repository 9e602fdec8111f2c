import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import type { StaffActor } from "@/server/admin/staff-actor";
import { ZUpdateTenantVoiceLimitsInput, type TUpdateTenantVoiceLimitsInput } from "@/server/admin/admin.schemas";

const VOICE_LIMITS = { callsPerSecond: true, maxConcurrentCalls: true, pricePlanId: true } as const;

/**
 * Platform staff set a tenant's calls-per-second and concurrency limits (the worker's claim paces by them) and its
 * price plan (calls are rated with it when they end). Audited on the tenant, as staff.
 */
export async function updateTenantVoiceLimits(staff: StaffActor, input: TUpdateTenantVoiceLimitsInput) {
  const parsed = ZUpdateTenantVoiceLimitsInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id: parsed.tenantId }, select: VOICE_LIMITS });
    if (!before) throw new AppError("NOT_FOUND", "tenant not found");
    if (parsed.pricePlanId !== null && !(await tx.pricePlan.findUnique({ where: { id: parsed.pricePlanId }, select: { id: true } }))) {
      throw new AppError("VALIDATION_FAILED", "pricePlanId: no such price plan", { details: { fieldErrors: { pricePlanId: ["no such price plan"] } } });
    }
    const after = await tx.tenant.update({
      where: { id: parsed.tenantId },
      data: { callsPerSecond: parsed.callsPerSecond, maxConcurrentCalls: parsed.maxConcurrentCalls, pricePlanId: parsed.pricePlanId },
      select: VOICE_LIMITS,
    });
    await recordAudit(
      tx,
      { tenantId: parsed.tenantId, userId: staff.userId, apiKeyId: null, impersonatorId: null, requestId: staff.requestId, ip: staff.ip ?? null },
      { action: "tenant.voice_limits_updated", targetType: "tenant", targetId: parsed.tenantId, before, after },
    );
    return after;
  });
}

/** The price plans staff can give a tenant (none: every tenant is on the default plan). */
export function findPricePlans() {
  return db.pricePlan.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, outboundMicrosPerMinute: true, inboundMicrosPerMinute: true, billingIncrementSeconds: true },
  });
}
