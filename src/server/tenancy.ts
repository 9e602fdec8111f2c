// Who is acting, for which tenant. The tenant always comes from the session's membership or the API key,
// never from a request body. Use-cases take an Actor and scope every query with actor.tenantId.
import type { MemberRole } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";

export interface Actor {
  tenantId: string;
  role: MemberRole;
  /** The signed-in user, or null when acting through an API key. */
  userId: string | null;
  apiKeyId: string | null;
  /** Platform staff member impersonating `userId`, when any. */
  impersonatorId: string | null;
  requestId?: string;
  ip?: string | null;
}

const RANK: Record<MemberRole, number> = { OWNER: 50, ADMIN: 40, SUPERVISOR: 30, DEVELOPER: 20, AGENT: 10 };

export interface RoleRule {
  /** The lowest role in OWNER > ADMIN > SUPERVISOR > DEVELOPER > AGENT that may act. */
  minRole: MemberRole;
  /** Roles below minRole that may act all the same (e.g. DEVELOPER on API keys and webhooks). */
  alsoAllow?: MemberRole[];
}

export function roleSatisfies(role: MemberRole, rule: RoleRule): boolean {
  return RANK[role] >= RANK[rule.minRole] || (rule.alsoAllow ?? []).includes(role);
}

export function assertRole(actor: Actor, rule: RoleRule): void {
  if (!roleSatisfies(actor.role, rule)) {
    const also = rule.alsoAllow?.length ? `, or ${rule.alsoAllow.join(" or ")}` : "";
    throw new AppError("FORBIDDEN", `this action needs the ${rule.minRole} role or higher${also}`);
  }
}

export function assertTenantActive(tenant: { status: string; suspendedReason: string | null }): void {
  if (tenant.status === "SUSPENDED") {
    throw new AppError(
      "TENANT_SUSPENDED",
      `This account is suspended${tenant.suspendedReason ? `: ${tenant.suspendedReason}` : ""}. Contact support to restore access.`,
    );
  }
}

/**
 * The tenant a user acts in: the one they chose (the tenant cookie) while it is active, else their first active
 * one. The portal shell (getMemberContext) and every tenant procedure pick with this, so they never disagree.
 */
export function pickCurrentTenant<T extends { tenantId: string; status: string }>(tenants: readonly T[], tenantIdHint: string | null | undefined): T | null {
  const active = tenants.filter((t) => t.status === "ACTIVE");
  return active.find((t) => t.tenantId === tenantIdHint) ?? active[0] ?? null;
}

/**
 * The signed-in user's membership in their current tenant (pickCurrentTenant). A hint naming a tenant they do
 * not belong to is ignored, so another tenant's id reads exactly like a missing one. Throws NOT_FOUND without
 * any membership, TENANT_SUSPENDED when every one of their tenants is suspended.
 */
export async function resolveMemberActor(opts: {
  userId: string;
  tenantIdHint?: string | null;
  /** Only this tenant may be picked (an impersonation); any other reads as not found. */
  onlyTenantId?: string | null;
  impersonatorId?: string | null;
  requestId?: string;
  ip?: string | null;
}): Promise<Actor> {
  const memberships = await db.membership.findMany({
    where: { userId: opts.userId },
    orderBy: { createdAt: "asc" },
    select: { tenantId: true, role: true, tenant: { select: { status: true, suspendedReason: true } } },
  });
  const tenants = memberships.map((m) => ({ tenantId: m.tenantId, role: m.role, ...m.tenant })).filter((t) => !opts.onlyTenantId || t.tenantId === opts.onlyTenantId);
  const current = pickCurrentTenant(tenants, opts.tenantIdHint);
  if (!current) {
    const suspended = tenants.find((t) => t.tenantId === opts.tenantIdHint) ?? tenants[0];
    if (suspended) assertTenantActive(suspended);
    throw notFound("tenant");
  }
  return {
    tenantId: current.tenantId,
    role: current.role,
    userId: opts.userId,
    apiKeyId: null,
    impersonatorId: opts.impersonatorId ?? null,
    requestId: opts.requestId,
    ip: opts.ip ?? null,
  };
}
