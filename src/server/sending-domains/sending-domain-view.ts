import type { SendingDomain } from "@/generated/prisma/client";
import { env } from "@/env";
import { db, type DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";
import type { RoleRule } from "@/server/tenancy";
import { expectedRecords, type DnsRecordToAdd, type DomainDnsResults } from "@/server/sending-domains/check-domain-dns";
import { deliverabilitySettings } from "@/server/sending-domains/deliverability-settings";

/** Sending domains are account configuration: admins (and developers, who wire up sending) manage them. */
export const SENDING_DOMAIN_ROLE: RoleRule = { minRole: "ADMIN", alsoAllow: ["DEVELOPER"] };

export interface SendingDomainView {
  id: string;
  domain: string;
  dkimSelector: string;
  /** verified: SPF, DKIM and DMARC all passed at the last check. */
  status: "verified" | "failing" | "unchecked";
  /** The records to publish (from the last check when there was one, so SPF merges into the record found). */
  records: Record<keyof DomainDnsResults, DnsRecordToAdd>;
  checks: DomainDnsResults | null;
  checkedAt: Date | null;
  verifiedAt: Date | null;
  createdAt: Date;
  /** Where SendGrid Inbound Parse posts this domain's mail (the token in it is the secret); null for older rows. */
  inboundParseUrl: string | null;
}

export function toSendingDomainView(row: SendingDomain): SendingDomainView {
  const checks = (row.checkResults as DomainDnsResults | null) ?? null;
  const base = expectedRecords({ domain: row.domain, dkimSelector: row.dkimSelector, dkimPublicKey: row.dkimPublicKey, spfInclude: deliverabilitySettings().spfInclude });
  const records = checks ? { spf: checks.spf.expected, dkim: checks.dkim.expected, dmarc: checks.dmarc.expected } : base;
  const allPass = row.spfPass === true && row.dkimPass === true && row.dmarcPass === true;
  return {
    id: row.id,
    domain: row.domain,
    dkimSelector: row.dkimSelector,
    status: row.checkedAt === null ? "unchecked" : allPass ? "verified" : "failing",
    records,
    checks,
    checkedAt: row.checkedAt,
    verifiedAt: row.verifiedAt,
    createdAt: row.createdAt,
    inboundParseUrl: row.inboundToken ? `${env.APP_URL.replace(/\/$/, "")}/api/webhooks/sendgrid/inbound/${row.inboundToken}` : null,
  };
}

/** The tenant's sending domain; another tenant's id is NOT_FOUND, exactly like a missing one. */
export async function loadTenantSendingDomain(client: DbOrTx = db, tenantId: string, id: string): Promise<SendingDomain> {
  const row = await client.sendingDomain.findFirst({ where: { id, tenantId } });
  if (!row) throw notFound("sending domain");
  return row;
}
