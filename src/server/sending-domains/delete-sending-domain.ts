import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantSendingDomain, SENDING_DOMAIN_ROLE } from "@/server/sending-domains/sending-domain-view";
import { ZSendingDomainIdInput, type TSendingDomainIdInput } from "@/server/sending-domains/sending-domains.schemas";

/** Removes the domain and its DKIM key (mail can no longer be signed for it). */
export async function deleteSendingDomain(actor: Actor, input: TSendingDomainIdInput): Promise<{ id: string; domain: string }> {
  assertRole(actor, SENDING_DOMAIN_ROLE);
  const { id } = ZSendingDomainIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const row = await loadTenantSendingDomain(tx, actor.tenantId, id);
    await tx.sendingDomain.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "sending_domain.deleted", targetType: "sending_domain", targetId: id, before: { domain: row.domain, verifiedAt: row.verifiedAt } });
    return { id, domain: row.domain };
  });
}
