// Staff act on a tenant's access and balance: suspend with a reason (its members and its API keys and Twilio
// credentials are refused with that reason at once, on every app instance: see tenant-changes.ts), reinstate,
// and adjust credit with a reason (a ledger entry; the balance moves in the same statement). All audited on the tenant.
import { z } from "zod";
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { staffAuditActor, type StaffActor } from "@/server/admin/staff-actor";
import { announceTenantChanged, evictTenant } from "@/server/tenant/tenant-changes";

export const ZSuspendTenantInput = z.object({ tenantId: z.string().min(1).max(64), reason: z.string().trim().min(3, "say why, in a few words: the tenant's users see it").max(300) });
export const ZReinstateTenantInput = z.object({ tenantId: z.string().min(1).max(64) });
export const ZAdjustCreditInput = z.object({
  tenantId: z.string().min(1).max(64),
  /** Integer micro-units of the tenant's currency; negative takes credit away. */
  amountMicros: z
    .string()
    .regex(/^-?\d{1,15}$/, "a whole number of micro-units")
    .refine((v) => !/^-?\d{1,15}$/.test(v) || BigInt(v) !== 0n, "not zero"),
  reason: z.string().trim().min(3, "say why: it shows in the tenant's billing history").max(300),
});


async function changeStatus(staff: StaffActor, tenantId: string, to: { status: "ACTIVE" | "SUSPENDED"; suspendedReason: string | null }, action: string) {
  const after = await db.$transaction(async (tx) => {
    const found = await tx.tenant.findUnique({ where: { id: tenantId }, select: { status: true, suspendedReason: true, deletionRequestedAt: true } });
    if (!found) throw new AppError("NOT_FOUND", "tenant not found");
    // A tenant on its way to the purge comes back only by cancelling the deletion (which clears its date).
    if (found.deletionRequestedAt) throw new AppError("CONFLICT", "this tenant is scheduled for deletion: cancel the deletion to restore it");
    const before = { status: found.status, suspendedReason: found.suspendedReason };
    // suspendedAt dates the suspension (churn on /admin/revenue counts it on that day); reinstating clears it.
    const suspendedAt = to.status === "SUSPENDED" ? new Date() : null;
    const row = await tx.tenant.update({ where: { id: tenantId }, data: { ...to, suspendedAt }, select: { id: true, status: true, suspendedReason: true } });
    await recordAudit(tx, staffAuditActor(staff, tenantId), { action, targetType: "tenant", targetId: tenantId, before, after: to });
    await announceTenantChanged(tx, tenantId);
    return row;
  });
  // This process at once; the others when the notification arrives.
  evictTenant(tenantId);
  return after;
}

export async function suspendTenant(staff: StaffActor, input: z.input<typeof ZSuspendTenantInput>) {
  const { tenantId, reason } = ZSuspendTenantInput.parse(input);
  return changeStatus(staff, tenantId, { status: "SUSPENDED", suspendedReason: reason }, "tenant.suspended");
}

export async function reinstateTenant(staff: StaffActor, input: z.input<typeof ZReinstateTenantInput>) {
  const { tenantId } = ZReinstateTenantInput.parse(input);
  return changeStatus(staff, tenantId, { status: "ACTIVE", suspendedReason: null }, "tenant.reinstated");
}

export async function adjustTenantCredit(staff: StaffActor, input: z.input<typeof ZAdjustCreditInput>) {
  const parsed = ZAdjustCreditInput.parse(input);
  const { tenantId, reason } = parsed;
  const amountMicros = BigInt(parsed.amountMicros);
  return db.$transaction(async (tx) => {
    const exists = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
    if (!exists) throw new AppError("NOT_FOUND", "tenant not found");
    const after = await tx.tenant.update({ where: { id: tenantId }, data: { creditMicros: { increment: amountMicros } }, select: { creditMicros: true, currency: true } });
    const entry = await tx.creditLedgerEntry.create({
      data: { id: newId("cle"), tenantId, amountMicros, balanceAfter: after.creditMicros, currency: after.currency, reason: `staff adjustment: ${reason}` },
    });
    await recordAudit(tx, staffAuditActor(staff, tenantId), {
      action: "tenant.credit_adjusted",
      targetType: "tenant",
      targetId: tenantId,
      after: { amountMicros: amountMicros.toString(), balanceAfter: after.creditMicros.toString(), reason },
    });
    return { ledgerEntryId: entry.id, balanceMicros: after.creditMicros, currency: after.currency };
  });
}
