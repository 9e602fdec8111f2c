import type { Resolver } from "node:dns/promises";
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { checkDomainDns } from "@/server/sending-domains/check-domain-dns";
import { createDnsResolver, deliverabilitySettings } from "@/server/sending-domains/deliverability-settings";
import { loadTenantSendingDomain, SENDING_DOMAIN_ROLE, toSendingDomainView, type SendingDomainView } from "@/server/sending-domains/sending-domain-view";
import { ZSendingDomainIdInput, type TSendingDomainIdInput } from "@/server/sending-domains/sending-domains.schemas";

/**
 * Looks up SPF, DKIM and DMARC now and stores the results with the time checked. `verifiedAt` is when all three
 * first passed; a later failing check keeps it (the status shows the failure) so the history is not lost.
 */
export async function verifySendingDomain(actor: Actor, input: TSendingDomainIdInput, resolver: Resolver = createDnsResolver()): Promise<SendingDomainView> {
  assertRole(actor, SENDING_DOMAIN_ROLE);
  const { id } = ZSendingDomainIdInput.parse(input);
  const row = await loadTenantSendingDomain(db, actor.tenantId, id);
  // DNS first, outside the transaction: a slow resolver must not hold a database connection.
  const checks = await checkDomainDns(resolver, { domain: row.domain, dkimSelector: row.dkimSelector, dkimPublicKey: row.dkimPublicKey, spfInclude: deliverabilitySettings().spfInclude });
  const allPass = checks.spf.pass && checks.dkim.pass && checks.dmarc.pass;
  const now = new Date();
  return db.$transaction(async (tx) => {
    const updated = await tx.sendingDomain.update({
      where: { id: row.id },
      data: {
        spfPass: checks.spf.pass,
        dkimPass: checks.dkim.pass,
        dmarcPass: checks.dmarc.pass,
        checkResults: JSON.parse(JSON.stringify(checks)) as object,
        checkedAt: now,
        ...(allPass && !row.verifiedAt ? { verifiedAt: now } : {}),
      },
    });
    await recordAudit(tx, actor, {
      action: "sending_domain.checked",
      targetType: "sending_domain",
      targetId: row.id,
      before: { spf: row.spfPass, dkim: row.dkimPass, dmarc: row.dmarcPass },
      after: { spf: checks.spf.pass, dkim: checks.dkim.pass, dmarc: checks.dmarc.pass },
    });
    return toSendingDomainView(updated);
  });
}
