import type { Tx } from "@/server/db";

/**
 * Locks the tenant row for the rest of the transaction and counts its owners. Role changes and removals
 * take this lock first, so two admins demoting the last two owners at once cannot leave the tenant ownerless.
 */
export async function lockTenantOwners(tx: Tx, tenantId: string): Promise<number> {
  await tx.$queryRaw`SELECT id FROM "Tenant" WHERE id = ${tenantId} FOR UPDATE`;
  return tx.membership.count({ where: { tenantId, role: "OWNER" } });
}
