// Who is acting, for which tenant. The tenant always comes from the session's membership or the API key,
// never from a request body. Use-cases take an Actor and scope every query with actor.tenantId.
import type { MemberRole } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

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
    throw new AppError("FORBIDDEN", `this action needs the ${rule.minRole} role or higher`);
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
 * The signed-in user's membership in the tenant they chose (or their first one). Throws NOT_FOUND when the
 * user has no membership there, so another tenant's id reads exactly like a missing one.
 */
export async function resolveMemberActor(opts: {
  userId: string;
  tenantId?: string | null;
  impersonatorId?: string | null;
  requestId?: string;
  ip?: string | null;
}): Promise<Actor> {
  const membership = await db.membership.findFirst({
    where: { userId: opts.userId, ...(opts.tenantId ? { tenantId: opts.tenantId } : {}) },
    orderBy: { createdAt: "asc" },
    include: { tenant: { select: { status: true, suspendedReason: true } } },
  });
  if (!membership) throw new AppError("NOT_FOUND", "tenant not found");
  assertTenantActive(membership.tenant);
  return {
    tenantId: membership.tenantId,
    role: membership.role,
    userId: opts.userId,
    apiKeyId: null,
    impersonatorId: opts.impersonatorId ?? null,
    requestId: opts.requestId,
    ip: opts.ip ?? null,
  };
}
