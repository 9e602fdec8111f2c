import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import { staffAuditActor, type StaffActor } from "@/server/admin/staff-actor";
import { ZUpdateTenantLimitsInput, type TUpdateTenantLimitsInput } from "@/server/admin/admin.schemas";

const LIMITS = { callsPerSecond: true, maxConcurrentCalls: true, pricePlanId: true, maxPhoneNumbers: true, maxSeats: true } as const;

export function unknownPricePlan(): AppError {
  return new AppError("VALIDATION_FAILED", "pricePlanId: no such price plan", { details: { fieldErrors: { pricePlanId: ["no such price plan"] } } });
}

/**
 * Platform staff set a tenant's plan and limits: calls per second and at once (the worker's claim paces by them),
 * the price plan (calls are rated with it when they end), and the caps on numbers and seats (checked when a
 * number is bought or claimed and when someone is invited). Lowering a cap below what the tenant holds takes
 * nothing away; it stops further growth. Audited on the tenant, as staff.
 */
export async function updateTenantLimits(staff: StaffActor, input: TUpdateTenantLimitsInput) {
  const parsed = ZUpdateTenantLimitsInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id: parsed.tenantId }, select: LIMITS });
    if (!before) throw new AppError("NOT_FOUND", "tenant not found");
    if (parsed.pricePlanId !== null && !(await tx.pricePlan.findUnique({ where: { id: parsed.pricePlanId }, select: { id: true } }))) throw unknownPricePlan();
    const after = await tx.tenant.update({
      where: { id: parsed.tenantId },
      data: {
        callsPerSecond: parsed.callsPerSecond,
        maxConcurrentCalls: parsed.maxConcurrentCalls,
        pricePlanId: parsed.pricePlanId,
        ...(parsed.maxPhoneNumbers !== undefined ? { maxPhoneNumbers: parsed.maxPhoneNumbers } : {}),
        ...(parsed.maxSeats !== undefined ? { maxSeats: parsed.maxSeats } : {}),
      },
      select: LIMITS,
    });
    await recordAudit(
      tx,
      staffAuditActor(staff, parsed.tenantId),
      { action: "tenant.limits_updated", targetType: "tenant", targetId: parsed.tenantId, before, after },
    );
    return after;
  });
}

/** The price plans staff can give a tenant (none: every tenant is on the default plan), with how many tenants are on each. */
export async function findPricePlans() {
  const plans = await db.pricePlan.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, outboundMicrosPerMinute: true, inboundMicrosPerMinute: true, billingIncrementSeconds: true, monthlyFeeMicros: true, _count: { select: { tenants: true } } },
  });
  return plans.map(({ _count, ...plan }) => ({ ...plan, tenantCount: _count.tenants }));
}
