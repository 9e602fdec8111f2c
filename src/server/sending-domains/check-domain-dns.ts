// SPF, DKIM and DMARC of one sending domain, looked up live. Each check says pass/fail, what DNS holds, and the
// exact record to publish, so the portal can show a fix and not just a red cross.
import { createPublicKey } from "node:crypto";
import type { Resolver } from "node:dns/promises";

export interface DnsRecordToAdd {
  type: "TXT";
  /** Fully qualified name, no trailing dot. */
  host: string;
  value: string;
}

export interface DnsCheck {
  pass: boolean;
  /** The TXT records found at the host that this check reads (SPF: those starting v=spf1, etc.). */
  found: string[];
  expected: DnsRecordToAdd;
  /** Why it passed or failed, in a sentence. */
  detail: string;
}

export interface DomainDnsResults {
  spf: DnsCheck;
  dkim: DnsCheck;
  dmarc: DnsCheck;
}

export interface DomainDnsTarget {
  domain: string;
  dkimSelector: string;
  /** base64 DER SubjectPublicKeyInfo */
  dkimPublicKey: string;
  spfInclude: string;
}

type Lookup = { records: string[] } | { error: string };

/** TXT records at `host`, each joined from its character-strings; none (NXDOMAIN, NODATA) is an empty list. */
async function txt(resolver: Resolver, host: string): Promise<Lookup> {
  try {
    return { records: (await resolver.resolveTxt(host)).map((chunks) => chunks.join("")) };
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    if (code === "ENOTFOUND" || code === "ENODATA") return { records: [] };
    return { error: `the DNS lookup of ${host} failed (${code || (e as Error).message}); try again later` };
  }
}

/** Tag-value list (RFC 6376 §3.2, RFC 7489 §6.3): `k=v; k2=v2`, whitespace around values ignored. */
function tags(record: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of record.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).replace(/\s+/g, ""));
  }
  return out;
}

/** The records to publish (SPF: the current one with the include added, when there is exactly one). */
export function expectedRecords(t: DomainDnsTarget, currentSpf?: string): Record<keyof DomainDnsResults, DnsRecordToAdd> {
  return {
    spf: { type: "TXT", host: t.domain, value: spfWithInclude(currentSpf, t.spfInclude) },
    dkim: { type: "TXT", host: `${t.dkimSelector}._domainkey.${t.domain}`, value: `v=DKIM1; k=rsa; p=${t.dkimPublicKey}` },
    dmarc: { type: "TXT", host: `_dmarc.${t.domain}`, value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${t.domain}` },
  };
}

/** The domain's SPF record with the platform's include added before its `all` (or a new record when none). */
function spfWithInclude(current: string | undefined, include: string): string {
  if (!current) return `v=spf1 include:${include} ~all`;
  const terms = current.trim().split(/\s+/);
  if (terms.some((t) => t.toLowerCase() === `include:${include}` || t.toLowerCase() === `+include:${include}`)) return current.trim();
  const all = terms.findIndex((t) => /^[+~?-]?all$/i.test(t) || /^redirect=/i.test(t));
  const at = all === -1 ? terms.length : all;
  return [...terms.slice(0, at), `include:${include}`, ...terms.slice(at)].join(" ");
}

function checkSpf(lookup: Lookup, t: DomainDnsTarget): DnsCheck {
  const spf = "records" in lookup ? lookup.records.filter((r) => /^v=spf1(\s|$)/i.test(r.trim())) : [];
  const expected = expectedRecords(t, spf.length === 1 ? spf[0] : undefined).spf;
  if ("error" in lookup) return { pass: false, found: [], expected, detail: lookup.error };
  if (spf.length === 0) return { pass: false, found: [], expected, detail: `no SPF record (TXT v=spf1) at ${t.domain}` };
  if (spf.length > 1) return { pass: false, found: spf, expected, detail: `${spf.length} SPF records at ${t.domain}: RFC 7208 allows one (receivers treat more as a permanent error); merge them into one` };
  const terms = spf[0]!.trim().toLowerCase().split(/\s+/);
  const included = terms.includes(`include:${t.spfInclude}`) || terms.includes(`+include:${t.spfInclude}`);
  return included
    ? { pass: true, found: spf, expected, detail: `the SPF record includes ${t.spfInclude}` }
    : { pass: false, found: spf, expected, detail: `the SPF record does not include ${t.spfInclude}` };
}

function checkDkim(lookup: Lookup, t: DomainDnsTarget): DnsCheck {
  const expected = expectedRecords(t).dkim;
  if ("error" in lookup) return { pass: false, found: [], expected, detail: lookup.error };
  // A DKIM key record may omit v=; when present it must be first and DKIM1 (RFC 6376 §3.6.1).
  const keys = lookup.records.filter((r) => /^\s*(v\s*=\s*DKIM1\s*(;|$)|[a-z]+\s*=)/i.test(r) && tags(r).has("p"));
  if (keys.length === 0) return { pass: false, found: lookup.records, expected, detail: `no DKIM key record (TXT with p=) at ${expected.host}` };
  const p = tags(keys[0]!).get("p")!;
  if (!p) return { pass: false, found: keys, expected, detail: "the DKIM key is revoked (empty p=)" };
  const k = tags(keys[0]!).get("k") ?? "rsa";
  try {
    createPublicKey({ key: Buffer.from(p, "base64"), format: "der", type: "spki" });
  } catch {
    return { pass: false, found: keys, expected, detail: `the p= of the DKIM record is not a parseable ${k} public key (base64 DER)` };
  }
  if (p !== t.dkimPublicKey) return { pass: false, found: keys, expected, detail: "the DKIM record holds a valid key, but not this domain's: publish the value shown" };
  return { pass: true, found: keys, expected, detail: `the DKIM record at ${expected.host} holds this domain's ${k} key` };
}

function checkDmarc(lookup: Lookup, t: DomainDnsTarget): DnsCheck {
  const expected = expectedRecords(t).dmarc;
  if ("error" in lookup) return { pass: false, found: [], expected, detail: lookup.error };
  const dmarc = lookup.records.filter((r) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(r.trim()));
  if (dmarc.length === 0) return { pass: false, found: [], expected, detail: `no DMARC record (TXT v=DMARC1) at ${expected.host}` };
  if (dmarc.length > 1) return { pass: false, found: dmarc, expected, detail: `${dmarc.length} DMARC records at ${expected.host}: receivers ignore all of them (RFC 7489 §6.6.3); keep one` };
  const policy = tags(dmarc[0]!).get("p")?.toLowerCase();
  if (!policy) return { pass: false, found: dmarc, expected, detail: "the DMARC record has no policy (p=)" };
  if (!["none", "quarantine", "reject"].includes(policy)) return { pass: false, found: dmarc, expected, detail: `the DMARC policy p=${policy} is not none, quarantine or reject` };
  return { pass: true, found: dmarc, expected, detail: `DMARC policy p=${policy}` };
}

/** Looks up the three records in parallel through `resolver`. */
export async function checkDomainDns(resolver: Resolver, t: DomainDnsTarget): Promise<DomainDnsResults> {
  const [spf, dkim, dmarc] = await Promise.all([txt(resolver, t.domain), txt(resolver, `${t.dkimSelector}._domainkey.${t.domain}`), txt(resolver, `_dmarc.${t.domain}`)]);
  return { spf: checkSpf(spf, t), dkim: checkDkim(dkim, t), dmarc: checkDmarc(dmarc, t) };
}
