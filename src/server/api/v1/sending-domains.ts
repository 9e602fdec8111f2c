// /api/v1/sending-domains: domains the account sends email from, the DNS records each needs (SPF include, DKIM
// key, DMARC policy) and a live check of them; /api/v1/email-address-validations: syntax and MX of one address.
import { z } from "zod";
import { withApiFieldNames } from "@/server/api/api-field-names";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { createSendingDomain } from "@/server/sending-domains/create-sending-domain";
import { deleteSendingDomain } from "@/server/sending-domains/delete-sending-domain";
import { findSendingDomains, getSendingDomain } from "@/server/sending-domains/find-sending-domains";
import type { SendingDomainView } from "@/server/sending-domains/sending-domain-view";
import { validateEmailAddress } from "@/server/sending-domains/validate-email-address";
import { verifySendingDomain } from "@/server/sending-domains/verify-sending-domain";

const ZRecord = z.object({ type: z.literal("TXT"), host: z.string(), value: z.string() }).meta({ id: "DnsRecord" });
const ZCheck = z
  .object({ pass: z.boolean(), found: z.array(z.string()).meta({ description: "The records of this kind DNS holds now" }), expected: ZRecord, detail: z.string() })
  .meta({ id: "DnsCheck" });

export const ZSendingDomainResource = z
  .object({
    id: z.string().meta({ example: "sd_01jf3k9v6m2x8c4r7t5y1n0b2q" }),
    domain: z.string().meta({ example: "mail.example.com" }),
    dkim_selector: z.string().meta({ example: "irisx" }),
    status: z.enum(["verified", "failing", "unchecked"]).meta({ description: "verified: SPF, DKIM and DMARC all passed at the last check" }),
    records: z.object({ spf: ZRecord, dkim: ZRecord, dmarc: ZRecord }).meta({ description: "The TXT records to publish" }),
    checks: z.object({ spf: ZCheck, dkim: ZCheck, dmarc: ZCheck }).nullable().meta({ description: "The last check; null before the first" }),
    checked_at: z.iso.datetime().nullable(),
    verified_at: z.iso.datetime().nullable().meta({ description: "When all three first passed" }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "SendingDomain" });

function toResource(d: SendingDomainView): z.input<typeof ZSendingDomainResource> {
  return {
    id: d.id,
    domain: d.domain,
    dkim_selector: d.dkimSelector,
    status: d.status,
    records: d.records,
    checks: d.checks,
    checked_at: d.checkedAt?.toISOString() ?? null,
    verified_at: d.verifiedAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
  };
}

const ZDomainParams = z.strictObject({ sendingDomainId: z.string().min(1).max(64).meta({ description: "Sending domain id", example: "sd_01jf3k9v6m2x8c4r7t5y1n0b2q" }) });

export const listSendingDomainsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/sending-domains",
    operationId: "listSendingDomains",
    tag: "Email deliverability",
    summary: "List sending domains",
    scope: "messages:read",
    query: ZPageQuery,
    response: listOf(ZSendingDomainResource, "SendingDomainList"),
  },
  async ({ actor, query }) => toList(await findSendingDomains(actor, { limit: query.limit, cursor: query.starting_after }), toResource),
);

export const createSendingDomainRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/sending-domains",
    operationId: "createSendingDomain",
    tag: "Email deliverability",
    summary: "Add a sending domain",
    description: "Creates the domain's DKIM key; `records` lists the three TXT records to publish, then `POST …/verify` checks them.",
    scope: "messages:write",
    body: z.strictObject({ domain: z.string().max(253).meta({ example: "mail.example.com" }) }),
    response: ZSendingDomainResource,
    status: 201,
    example: { domain: "mail.example.com" },
  },
  async ({ actor, body }) => toResource(await withApiFieldNames(() => createSendingDomain(actor, { domain: body.domain }))),
);

export const getSendingDomainRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/sending-domains/{sendingDomainId}",
    operationId: "getSendingDomain",
    tag: "Email deliverability",
    summary: "Retrieve a sending domain",
    scope: "messages:read",
    params: ZDomainParams,
    response: ZSendingDomainResource,
  },
  async ({ actor, params }) => toResource(await getSendingDomain(actor, { id: params.sendingDomainId })),
);

export const verifySendingDomainRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/sending-domains/{sendingDomainId}/verify",
    operationId: "verifySendingDomain",
    tag: "Email deliverability",
    summary: "Check a sending domain's DNS",
    description: "Looks up SPF, DKIM and DMARC now and stores the results with the time checked.",
    scope: "messages:write",
    params: ZDomainParams,
    response: ZSendingDomainResource,
  },
  async ({ actor, params }) => toResource(await verifySendingDomain(actor, { id: params.sendingDomainId })),
);

export const deleteSendingDomainRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/sending-domains/{sendingDomainId}",
    operationId: "deleteSendingDomain",
    tag: "Email deliverability",
    summary: "Remove a sending domain",
    scope: "messages:write",
    params: ZDomainParams,
    response: z.object({ id: z.string(), domain: z.string(), deleted: z.literal(true) }).meta({ id: "DeletedSendingDomain" }),
  },
  async ({ actor, params }) => ({ ...(await deleteSendingDomain(actor, { id: params.sendingDomainId })), deleted: true as const }),
);

export const validateEmailAddressRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/email-address-validations",
    operationId: "validateEmailAddress",
    tag: "Email deliverability",
    summary: "Validate an email address",
    description:
      "Syntax (the dot-atom subset of RFC 5322 mail uses: no quoted local parts, no IP literals), then the domain's mail hosts: MX records, else its A/AAAA records (RFC 5321 §5.1); a null MX (RFC 7505) accepts no mail. `unknown` when DNS did not answer.",
    scope: "messages:read",
    body: z.strictObject({ address: z.string().max(320).meta({ example: "ada@example.com" }) }),
    response: z
      .object({
        address: z.string(),
        status: z.enum(["valid", "invalid", "unknown"]),
        reason: z.enum(["ok", "syntax", "domain_not_found", "no_mail_host", "null_mx", "dns_error"]),
        detail: z.string(),
        domain: z.string().nullable(),
        mail_hosts: z.array(z.object({ exchange: z.string(), priority: z.number().int() })),
        implicit_mx: z.boolean(),
        checked_at: z.iso.datetime(),
      })
      .meta({ id: "EmailAddressValidation" }),
    example: { address: "ada@example.com" },
  },
  async ({ actor, body }) => {
    const r = await validateEmailAddress(actor, { address: body.address });
    return { address: r.address, status: r.status, reason: r.reason, detail: r.detail, domain: r.domain, mail_hosts: r.mailHosts, implicit_mx: r.implicitMx, checked_at: r.checkedAt.toISOString() };
  },
);
