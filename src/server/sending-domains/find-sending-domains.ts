import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantSendingDomain, SENDING_DOMAIN_ROLE, toSendingDomainView, type SendingDomainView } from "@/server/sending-domains/sending-domain-view";
import { ZFindSendingDomainsInput, ZSendingDomainIdInput, type TFindSendingDomainsInput, type TSendingDomainIdInput } from "@/server/sending-domains/sending-domains.schemas";

export async function findSendingDomains(actor: Actor, input: TFindSendingDomainsInput = {}): Promise<Page<SendingDomainView>> {
  assertRole(actor, SENDING_DOMAIN_ROLE);
  const q = ZFindSendingDomainsInput.parse(input);
  let after: { createdAt: Date; id: string } | null = null;
  if (q.cursor) {
    after = await db.sendingDomain.findFirst({ where: { id: q.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a sending domain of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const rows = await db.sendingDomain.findMany({ where: { tenantId: actor.tenantId, ...(after ? olderThan(after) : {}) }, orderBy: NEWEST_FIRST, take: q.limit + 1 });
  const page = toPage(rows, q.limit);
  return { ...page, items: page.items.map(toSendingDomainView) };
}

export async function getSendingDomain(actor: Actor, input: TSendingDomainIdInput): Promise<SendingDomainView> {
  assertRole(actor, SENDING_DOMAIN_ROLE);
  const { id } = ZSendingDomainIdInput.parse(input);
  return toSendingDomainView(await loadTenantSendingDomain(db, actor.tenantId, id));
}
