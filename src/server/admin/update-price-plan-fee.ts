import { z } from "zod";
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import type { StaffActor } from "@/server/admin/staff-actor";

export const ZUpdatePricePlanFeeInput = z.strictObject({
  pricePlanId: z.string().min(1).max(64),
  /** Integer micro-units of each tenant's currency, per month. */
  monthlyFeeMicros: z.string().regex(/^\d{1,15}$/, "a whole, non-negative number of micro-units"),
});

/**
 * A platform owner sets a price plan's monthly fee (every tenant on the plan pays it; MRR (plans) sums it).
 * Audited as a platform action (no tenant), with the fee before and after.
 */
export async function updatePricePlanFee(staff: StaffActor, input: z.input<typeof ZUpdatePricePlanFeeInput>) {
  const parsed = ZUpdatePricePlanFeeInput.parse(input);
  const monthlyFeeMicros = BigInt(parsed.monthlyFeeMicros);
  return db.$transaction(async (tx) => {
    const before = await tx.pricePlan.findUnique({ where: { id: parsed.pricePlanId }, select: { name: true, monthlyFeeMicros: true } });
    if (!before) throw new AppError("NOT_FOUND", "price plan not found");
    const after = await tx.pricePlan.update({ where: { id: parsed.pricePlanId }, data: { monthlyFeeMicros }, select: { id: true, name: true, monthlyFeeMicros: true } });
    await recordAudit(
      tx,
      { tenantId: null, userId: staff.userId, apiKeyId: null, impersonatorId: null, requestId: staff.requestId, ip: staff.ip ?? null },
      { action: "price_plan.fee_updated", targetType: "price_plan", targetId: after.id, before, after: { name: after.name, monthlyFeeMicros: after.monthlyFeeMicros } },
    );
    return after;
  });
}
