import type { Resolver } from "node:dns/promises";
import { assertRole, type Actor } from "@/server/tenancy";
import { parseEmailAddress } from "@/server/sending-domains/parse-email-address";
import { createDnsResolver } from "@/server/sending-domains/deliverability-settings";
import { ZValidateEmailAddressInput, type TValidateEmailAddressInput } from "@/server/sending-domains/sending-domains.schemas";

export interface EmailAddressValidation {
  address: string;
  /** valid: syntax and a mail host; invalid: one of them is missing; unknown: DNS did not answer. */
  status: "valid" | "invalid" | "unknown";
  reason: "ok" | "syntax" | "domain_not_found" | "no_mail_host" | "null_mx" | "dns_error";
  detail: string;
  domain: string | null;
  /** The mail hosts by preference; with `implicitMx`, the domain itself (RFC 5321 §5.1: its A/AAAA records). */
  mailHosts: Array<{ exchange: string; priority: number }>;
  implicitMx: boolean;
  checkedAt: Date;
}

const codeOf = (e: unknown) => (e as { code?: string }).code ?? "";
const absent = (e: unknown) => ["ENODATA", "ENOTFOUND"].includes(codeOf(e));

/** Addresses of `host` (A, then AAAA); empty when it has none. Throws on a DNS failure. */
async function hasAddress(resolver: Resolver, host: string): Promise<boolean> {
  for (const lookup of [() => resolver.resolve4(host), () => resolver.resolve6(host)]) {
    try {
      if ((await lookup()).length > 0) return true;
    } catch (e) {
      if (!absent(e)) throw e;
    }
  }
  return false;
}

/** Syntax (parseEmailAddress), then where mail for the domain goes: MX, else the A/AAAA fallback of RFC 5321. */
export async function validateEmailAddress(actor: Actor, input: TValidateEmailAddressInput, resolver: Resolver = createDnsResolver()): Promise<EmailAddressValidation> {
  assertRole(actor, { minRole: "AGENT" });
  const { address } = ZValidateEmailAddressInput.parse(input);
  const checkedAt = new Date();
  const base = { address: address.trim(), mailHosts: [], implicitMx: false, checkedAt };
  const parsed = parseEmailAddress(address);
  if (!parsed.ok) return { ...base, status: "invalid", reason: "syntax", detail: parsed.problem, domain: null };
  const { domain } = parsed;
  try {
    let mx: Array<{ exchange: string; priority: number }> = [];
    try {
      mx = await resolver.resolveMx(domain);
    } catch (e) {
      if (codeOf(e) === "ENOTFOUND") return { ...base, status: "invalid", reason: "domain_not_found", detail: `the domain ${domain} does not exist`, domain };
      if (!absent(e)) throw e;
    }
    if (mx.length === 1 && (mx[0]!.exchange === "" || mx[0]!.exchange === ".")) {
      return { ...base, status: "invalid", reason: "null_mx", detail: `${domain} publishes a null MX (RFC 7505): it accepts no mail`, domain };
    }
    if (mx.length > 0) {
      const mailHosts = [...mx].sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));
      return { ...base, status: "valid", reason: "ok", detail: `mail for ${domain} goes to ${mailHosts[0]!.exchange}`, domain, mailHosts };
    }
    if (await hasAddress(resolver, domain)) {
      return { ...base, status: "valid", reason: "ok", detail: `${domain} has no MX record; mail goes to its own address (RFC 5321 §5.1)`, domain, mailHosts: [{ exchange: domain, priority: 0 }], implicitMx: true };
    }
    return { ...base, status: "invalid", reason: "no_mail_host", detail: `${domain} has neither an MX nor an A/AAAA record`, domain };
  } catch (e) {
    return { ...base, status: "unknown", reason: "dns_error", detail: `the DNS lookup for ${domain} failed (${codeOf(e) || (e as Error).message}); try again later`, domain };
  }
}
