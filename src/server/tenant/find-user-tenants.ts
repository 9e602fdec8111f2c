import { db } from "@/server/db";

/** The workspaces a user belongs to, for the tenant switcher. */
/** The user's workspaces; during an impersonation only the one it is bound to (`onlyTenantId`). */
export async function findUserTenants(userId: string, opts: { onlyTenantId?: string | null } = {}) {
  const rows = await db.membership.findMany({
    where: { userId, ...(opts.onlyTenantId ? { tenantId: opts.onlyTenantId } : {}) },
    orderBy: { createdAt: "asc" },
    select: { role: true, tenant: { select: { id: true, name: true, status: true } } },
  });
  return rows.map((m) => ({ tenantId: m.tenant.id, name: m.tenant.name, status: m.tenant.status, role: m.role }));
}
