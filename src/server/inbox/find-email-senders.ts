import { db } from "@/server/db";
import { INBOX_ROLE } from "@/server/inbox/conversation-view";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * The composer's "From": the account's verified sending domains (any address at one may send) and the addresses at
 * them its email conversations already use, most used first.
 */
export async function findEmailSenders(actor: Actor): Promise<{ domains: string[]; addresses: string[] }> {
  assertRole(actor, INBOX_ROLE);
  const domains = (await db.sendingDomain.findMany({ where: { tenantId: actor.tenantId, verifiedAt: { not: null } }, orderBy: { domain: "asc" }, select: { domain: true } })).map((d) => d.domain);
  if (domains.length === 0) return { domains, addresses: [] };
  const used = await db.conversation.groupBy({ by: ["inboxAddress"], where: { tenantId: actor.tenantId, channel: "EMAIL" }, _count: { _all: true }, orderBy: { _count: { inboxAddress: "desc" } }, take: 50 });
  const addresses = used.map((u) => u.inboxAddress.toLowerCase()).filter((a) => domains.includes(a.slice(a.lastIndexOf("@") + 1))).slice(0, 10);
  return { domains, addresses };
}
