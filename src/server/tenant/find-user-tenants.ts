import { db } from "@/server/db";

/** The workspaces a user belongs to, for the tenant switcher. */
export async function findUserTenants(userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, tenant: { select: { id: true, name: true, status: true } } },
  });
  return rows.map((m) => ({ tenantId: m.tenant.id, name: m.tenant.name, status: m.tenant.status, role: m.role }));
}
