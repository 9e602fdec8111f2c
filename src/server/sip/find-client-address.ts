// Where `<Dial><Client>identity</Client>` rings: the tenant's enabled SIP user named `identity` (a softphone or desk
// phone registered as <username>@<tenant slug>.<SIP_DOMAIN>), or null when the tenant has none by that name.
import { db } from "@/server/db";
import { sipDomainFor } from "@/server/sip/sip-user-view";

export async function findClientAddress(input: { tenantId: string; identity: string }): Promise<{ username: string; domain: string } | null> {
  const username = input.identity.trim().toLowerCase();
  const row = await db.sipUser.findFirst({ where: { tenantId: input.tenantId, username, enabled: true }, select: { username: true, tenant: { select: { slug: true } } } });
  return row ? { username: row.username, domain: sipDomainFor(row.tenant.slug) } : null;
}
