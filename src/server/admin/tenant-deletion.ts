// Deleting a tenant is two steps. Staff schedule it (owner role, with a reason and the tenant's name typed again):
// the tenant is suspended at once, everywhere, with a message naming the purge date, and stays restorable for
// TENANT_DELETION_GRACE_DAYS. After that the purge job (purge-deleted-tenants.ts) removes its data and recordings.
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError, notFound } from "@/server/errors";
import { staffAuditActor, type StaffActor } from "@/server/admin/staff-actor";
import { ZDeleteTenantInput, ZTenantIdInput, type TDeleteTenantInput } from "@/server/admin/admin.schemas";
import { announceTenantChanged, evictTenant } from "@/server/tenant/tenant-changes";

export const TENANT_DELETION_GRACE_DAYS = 30;
const DAY_MS = 86_400_000;


export function deletionNotice(purgeAfter: Date): string {
  return `This workspace is scheduled for deletion on ${purgeAfter.toISOString().slice(0, 10)}`;
}

export async function scheduleTenantDeletion(staff: StaffActor, rawInput: TDeleteTenantInput, now = new Date()) {
  const input = ZDeleteTenantInput.parse(rawInput);
  const purgeAfter = new Date(now.getTime() + TENANT_DELETION_GRACE_DAYS * DAY_MS);
  const result = await db.$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id: input.tenantId }, select: { name: true, status: true, suspendedReason: true, deletionRequestedAt: true } });
    if (!before) throw notFound("tenant");
    if (input.confirmName.trim() !== before.name) {
      throw new AppError("VALIDATION_FAILED", "confirmName: type the tenant's name exactly", { details: { fieldErrors: { confirmName: [`type "${before.name}" to confirm`] } } });
    }
    if (before.deletionRequestedAt) throw new AppError("CONFLICT", "this tenant is already scheduled for deletion");
    const after = { status: "SUSPENDED" as const, suspendedReason: `${deletionNotice(purgeAfter)}: ${input.reason}`, suspendedAt: now, deletionRequestedAt: now, purgeAfter, deletionReason: input.reason };
    await tx.tenant.update({ where: { id: input.tenantId }, data: after });
    await recordAudit(tx, staffAuditActor(staff, input.tenantId), { action: "tenant.deletion_scheduled", targetType: "tenant", targetId: input.tenantId, before, after });
    // The platform trail keeps it too: the tenant's own log goes with the tenant.
    await recordAudit(tx, staffAuditActor(staff, null), { action: "tenant.deletion_scheduled", targetType: "tenant", targetId: input.tenantId, after: { name: before.name, purgeAfter, reason: input.reason } });
    await announceTenantChanged(tx, input.tenantId);
    return { tenantId: input.tenantId, purgeAfter };
  });
  evictTenant(input.tenantId);
  return result;
}

/** Restores a tenant scheduled for deletion (before the purge): active again at once, as before. */
export async function cancelTenantDeletion(staff: StaffActor, rawInput: { tenantId: string }) {
  const { tenantId } = ZTenantIdInput.parse(rawInput);
  const result = await db.$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id: tenantId }, select: { name: true, deletionRequestedAt: true, purgeAfter: true, deletionReason: true } });
    if (!before) throw notFound("tenant");
    if (!before.deletionRequestedAt) throw new AppError("CONFLICT", "this tenant is not scheduled for deletion");
    await tx.tenant.update({ where: { id: tenantId }, data: { status: "ACTIVE", suspendedReason: null, suspendedAt: null, deletionRequestedAt: null, purgeAfter: null, deletionReason: null } });
    await recordAudit(tx, staffAuditActor(staff, tenantId), { action: "tenant.deletion_cancelled", targetType: "tenant", targetId: tenantId, before });
    await recordAudit(tx, staffAuditActor(staff, null), { action: "tenant.deletion_cancelled", targetType: "tenant", targetId: tenantId, after: { name: before.name } });
    await announceTenantChanged(tx, tenantId);
    return { tenantId, status: "ACTIVE" as const };
  });
  evictTenant(tenantId);
  return result;
}
