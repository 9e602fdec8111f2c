import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertTenantActive } from "@/server/tenancy";

/** Checks the user may act in `tenantId` before the caller remembers it as the current tenant. */
export async function switchTenant(userId: string, tenantId: string): Promise<{ tenantId: string; name: string }> {
  const membership = await db.membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    include: { tenant: { select: { id: true, name: true, status: true, suspendedReason: true } } },
  });
  if (!membership) throw notFound("tenant");
  assertTenantActive(membership.tenant);
  return { tenantId: membership.tenant.id, name: membership.tenant.name };
}
