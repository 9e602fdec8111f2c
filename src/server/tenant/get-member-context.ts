import { db } from "@/server/db";
import { pickCurrentTenant } from "@/server/tenancy";

/**
 * Everything the portal shell needs about the signed-in user: their profile, every workspace, and the one they
 * are in (the remembered one if still active, else their first active one). `current` is null when they
 * belong to no active workspace.
 */
export async function getMemberContext(userId: string, tenantIdHint: string | null, opts: { onlyTenantId?: string | null } = {}) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      emailVerifiedAt: true,
      isPlatformStaff: true,
      memberships: { orderBy: { createdAt: "asc" }, select: { role: true, tenant: { select: { id: true, name: true, status: true, suspendedReason: true } } } },
    },
  });
  if (!user) return null;
  const tenants = user.memberships
    .map((m) => ({ tenantId: m.tenant.id, name: m.tenant.name, status: m.tenant.status, suspendedReason: m.tenant.suspendedReason, role: m.role }))
    // Impersonation is bound to one tenant: the user's other workspaces are not even listed.
    .filter((t) => !opts.onlyTenantId || t.tenantId === opts.onlyTenantId);
  const current = pickCurrentTenant(tenants, tenantIdHint);
  return {
    user: { id: user.id, name: user.name, email: user.email, emailVerified: Boolean(user.emailVerifiedAt), isPlatformStaff: user.isPlatformStaff },
    tenants,
    current,
  };
}
