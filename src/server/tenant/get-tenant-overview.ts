import { db } from "@/server/db";
import type { Actor } from "@/server/tenancy";

/** Dashboard numbers and the settings page's facts about the current tenant. */
export async function getTenantOverview(actor: Actor) {
  const [tenant, members, pendingInvitations, apiKeys, webhookEndpoints] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { id: true, name: true, slug: true, creditMicros: true, currency: true, createdAt: true } }),
    db.membership.count({ where: { tenantId: actor.tenantId } }),
    db.invitation.count({ where: { tenantId: actor.tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
    db.apiKey.count({ where: { tenantId: actor.tenantId, revokedAt: null } }),
    db.webhookEndpoint.count({ where: { tenantId: actor.tenantId, status: "ENABLED" } }),
  ]);
  return { ...tenant, role: actor.role, members, pendingInvitations, apiKeys, webhookEndpoints };
}
