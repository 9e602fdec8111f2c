import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { openSecret } from "@/server/crypto/secret-box";
import { rejection } from "@/test/rejection";
import { createTestTenant } from "@/test/factories";
import { startDnsStandIn, type DnsStandIn } from "@/test/dns-stand-in";
import { createSendingDomain } from "@/server/sending-domains/create-sending-domain";
import { deleteSendingDomain } from "@/server/sending-domains/delete-sending-domain";
import { findSendingDomains, getSendingDomain } from "@/server/sending-domains/find-sending-domains";
import { parseEmailAddress } from "@/server/sending-domains/parse-email-address";
import { validateEmailAddress } from "@/server/sending-domains/validate-email-address";
import { verifySendingDomain } from "@/server/sending-domains/verify-sending-domain";

let dns: DnsStandIn;
beforeAll(async () => {
  dns = await startDnsStandIn();
  vi.stubEnv("DNS_SERVERS", dns.server);
  vi.stubEnv("EMAIL_SPF_INCLUDE", "_spf.irisx.test");
  vi.stubEnv("EMAIL_DKIM_SELECTOR", "irx1");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await dns.close();
});

let n = 0;
const uniqueDomain = () => `shop${++n}-${Date.now()}.example`;

describe("sending domains: SPF, DKIM and DMARC through the configured DNS servers", () => {
  it("a new domain gets a 2048-bit DKIM key (private half sealed) and the three records to publish; unchecked until verified", async () => {
    const { actor, tenant } = await createTestTenant();
    const domain = uniqueDomain();
    const d = await createSendingDomain(actor, { domain: ` ${domain.toUpperCase()}. ` });
    expect(d).toMatchObject({ domain, dkimSelector: "irx1", status: "unchecked", checks: null, checkedAt: null });
    expect(d.records.spf).toEqual({ type: "TXT", host: domain, value: "v=spf1 include:_spf.irisx.test ~all" });
    expect(d.records.dkim.host).toBe(`irx1._domainkey.${domain}`);
    expect(d.records.dmarc).toEqual({ type: "TXT", host: `_dmarc.${domain}`, value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}` });
    const p = /p=([A-Za-z0-9+/=]+)$/.exec(d.records.dkim.value)![1]!;
    expect(createPublicKey({ key: Buffer.from(p, "base64"), format: "der", type: "spki" }).asymmetricKeyDetails?.modulusLength).toBe(2048);
    const row = await db.sendingDomain.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.dkimPrivateKeySealed).not.toContain("PRIVATE KEY");
    expect(openSecret(row.dkimPrivateKeySealed)).toContain("BEGIN PRIVATE KEY");
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "sending_domain.created", targetId: d.id } })).toBe(1);
    expect((await rejection(createSendingDomain(actor, { domain }))).code).toBe("CONFLICT");
    await expect(createSendingDomain(actor, { domain: "192.168.0.1" })).rejects.toThrow(/not an IP address/);
    await expect(createSendingDomain(actor, { domain: "no_underscores.example" })).rejects.toThrow(/domain name/);
  });

  it("fails each check with the reason and the record to add, then passes once DNS holds the records; stored with the time checked", async () => {
    const { actor, tenant } = await createTestTenant();
    const domain = uniqueDomain();
    const d = await createSendingDomain(actor, { domain });
    dns.set(domain, { TXT: ["google-site-verification=abc", "v=spf1 include:_spf.google.com -all"] });

    const before = Date.now();
    const first = await verifySendingDomain(actor, { id: d.id });
    expect(first.status).toBe("failing");
    expect(first.checkedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(first.checks!.spf).toMatchObject({ pass: false, found: ["v=spf1 include:_spf.google.com -all"], detail: "the SPF record does not include _spf.irisx.test" });
    // The fix merges the include into the record the domain already has, before its "all".
    expect(first.records.spf.value).toBe("v=spf1 include:_spf.google.com include:_spf.irisx.test -all");
    expect(first.checks!.dkim).toMatchObject({ pass: false, detail: `no DKIM key record (TXT with p=) at irx1._domainkey.${domain}` });
    expect(first.checks!.dmarc).toMatchObject({ pass: false, detail: `no DMARC record (TXT v=DMARC1) at _dmarc.${domain}` });
    expect(first.verifiedAt).toBeNull();

    dns.set(domain, { TXT: [first.records.spf.value] });
    dns.set(`irx1._domainkey.${domain}`, { TXT: [d.records.dkim.value] }); // over 255 bytes: published as several strings
    dns.set(`_dmarc.${domain}`, { TXT: ["v=DMARC1; p=quarantine; pct=100"] });
    const second = await verifySendingDomain(actor, { id: d.id });
    expect(second.status).toBe("verified");
    expect(second.checks!.spf.pass && second.checks!.dkim.pass && second.checks!.dmarc.pass).toBe(true);
    expect(second.checks!.dmarc.detail).toBe("DMARC policy p=quarantine");
    expect(second.verifiedAt).not.toBeNull();
    const stored = await getSendingDomain(actor, { id: d.id });
    expect(stored).toMatchObject({ status: "verified", checkedAt: second.checkedAt });
    expect(dns.queries.some((q) => q.name === `irx1._domainkey.${domain}` && q.type === "TXT")).toBe(true);
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "sending_domain.checked", targetId: d.id } })).toBe(2);

    // A later failure shows as failing but keeps when the domain was first verified.
    dns.set(`_dmarc.${domain}`, { TXT: ["v=DMARC1; rua=mailto:x@y.example"] });
    const third = await verifySendingDomain(actor, { id: d.id });
    expect(third).toMatchObject({ status: "failing", verifiedAt: second.verifiedAt });
    expect(third.checks!.dmarc.detail).toBe("the DMARC record has no policy (p=)");
  });

  it("tells apart: two SPF records, a DKIM key that does not parse, another key, a bad DMARC policy, a DNS failure", async () => {
    const { actor } = await createTestTenant();
    const domain = uniqueDomain();
    const d = await createSendingDomain(actor, { domain });
    dns.set(domain, { TXT: ["v=spf1 include:_spf.irisx.test ~all", "v=spf1 -all"] });
    dns.set(`irx1._domainkey.${domain}`, { TXT: ["v=DKIM1; k=rsa; p=bm90IGEga2V5"] });
    dns.set(`_dmarc.${domain}`, { TXT: ["v=DMARC1; p=monitor"] });
    let r = await verifySendingDomain(actor, { id: d.id });
    expect(r.checks!.spf.detail).toMatch(/^2 SPF records .* RFC 7208 allows one/);
    expect(r.checks!.dkim.detail).toBe("the p= of the DKIM record is not a parseable rsa public key (base64 DER)");
    expect(r.checks!.dmarc.detail).toBe("the DMARC policy p=monitor is not none, quarantine or reject");

    const other = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "der", type: "spki" }).toString("base64");
    dns.set(`irx1._domainkey.${domain}`, { TXT: [`v=DKIM1; k=rsa; p=${other}`] });
    dns.set(domain, { servfail: true });
    r = await verifySendingDomain(actor, { id: d.id });
    expect(r.checks!.dkim).toMatchObject({ pass: false, detail: "the DKIM record holds a valid key, but not this domain's: publish the value shown" });
    expect(r.checks!.spf).toMatchObject({ pass: false, detail: expect.stringMatching(/DNS lookup of .* failed \(ESERVFAIL\)/) });
  });

  it("lists newest first; delete is audited; another tenant's domain is NOT_FOUND", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const d1 = await createSendingDomain(a.actor, { domain: uniqueDomain() });
    const d2 = await createSendingDomain(a.actor, { domain: uniqueDomain() });
    expect((await findSendingDomains(a.actor)).items.map((d) => d.id)).toEqual([d2.id, d1.id]);
    expect((await findSendingDomains(b.actor)).items).toEqual([]);
    for (const p of [() => getSendingDomain(b.actor, { id: d1.id }), () => verifySendingDomain(b.actor, { id: d1.id }), () => deleteSendingDomain(b.actor, { id: d1.id })]) {
      expect((await rejection(p())).code).toBe("NOT_FOUND");
    }
    expect((await rejection(createSendingDomain({ ...a.actor, role: "SUPERVISOR" }, { domain: uniqueDomain() }))).code).toBe("FORBIDDEN");
    await deleteSendingDomain(a.actor, { id: d1.id });
    expect((await findSendingDomains(a.actor)).items.map((d) => d.id)).toEqual([d2.id]);
    expect(await db.auditLog.count({ where: { tenantId: a.tenant.id, action: "sending_domain.deleted", targetId: d1.id } })).toBe(1);
  });
});

describe("email address validation", () => {
  it("accepts the dot-atom subset of RFC 5322 and says what is wrong otherwise", () => {
    for (const ok of ["ada@example.com", "first.last+tag@mail.example.co.uk", "o'brien@example.ie", "x@xn--bcher-kva.example", "UPPER@Example.COM"]) {
      expect(parseEmailAddress(ok), ok).toMatchObject({ ok: true });
    }
    const problems: Record<string, RegExp> = {
      "": /empty/,
      "ada.example.com": /no @/,
      "@example.com": /nothing before/,
      "ada@": /nothing after/,
      ".ada@example.com": /dot at the start/,
      "a..b@example.com": /two in a row/,
      "a b@example.com": /not allowed in the local part/,
      '"quoted"@example.com': /quoted/,
      "ada@localhost": /needs a dot/,
      "ada@[192.0.2.1]": /address literals/,
      "ada@-bad.example": /not a valid host name/,
      "ada@example.123": /all digits/,
      [`${"a".repeat(65)}@example.com`]: /longer than 64/,
      [`a@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(10)}.com`]: /longer than 254/,
    };
    for (const [address, problem] of Object.entries(problems)) {
      const r = parseEmailAddress(address);
      expect(r.ok, address).toBe(false);
      expect(!r.ok && r.problem, address).toMatch(problem);
    }
  });

  it("finds mail hosts by MX (by preference), falls back to A/AAAA (RFC 5321 §5.1), honours a null MX, and tells a DNS failure apart", async () => {
    const { actor } = await createTestTenant({ role: "AGENT" });
    dns.set("mx.example", { MX: [{ priority: 20, exchange: "backup.mx.example" }, { priority: 10, exchange: "primary.mx.example" }] });
    dns.set("a-only.example", { A: ["192.0.2.10"] });
    dns.set("v6-only.example", { AAAA: ["2001:db8::25"] });
    dns.set("nomail.example", { TXT: ["v=spf1 -all"] });
    dns.set("nullmx.example", { MX: [{ priority: 0, exchange: "" }], A: ["192.0.2.11"] });
    dns.set("broken.example", { servfail: true });

    const mx = await validateEmailAddress(actor, { address: "ada@MX.example" });
    expect(mx).toMatchObject({ status: "valid", reason: "ok", domain: "mx.example", implicitMx: false });
    expect(mx.mailHosts.map((h) => h.exchange)).toEqual(["primary.mx.example", "backup.mx.example"]);
    expect(mx.checkedAt).toBeInstanceOf(Date);
    expect(await validateEmailAddress(actor, { address: "ada@a-only.example" })).toMatchObject({ status: "valid", implicitMx: true, mailHosts: [{ exchange: "a-only.example", priority: 0 }] });
    expect(await validateEmailAddress(actor, { address: "ada@v6-only.example" })).toMatchObject({ status: "valid", implicitMx: true });
    expect(await validateEmailAddress(actor, { address: "ada@nomail.example" })).toMatchObject({ status: "invalid", reason: "no_mail_host" });
    expect(await validateEmailAddress(actor, { address: "ada@nullmx.example" })).toMatchObject({ status: "invalid", reason: "null_mx" });
    expect(await validateEmailAddress(actor, { address: "ada@missing.example" })).toMatchObject({ status: "invalid", reason: "domain_not_found" });
    expect(await validateEmailAddress(actor, { address: "ada@broken.example" })).toMatchObject({ status: "unknown", reason: "dns_error" });
    const bad = await validateEmailAddress(actor, { address: "not an address" });
    expect(bad).toMatchObject({ status: "invalid", reason: "syntax", domain: null });
    expect(dns.queries.filter((q) => q.name === "a-only.example").map((q) => q.type)).toEqual(["MX", "A"]);
  });
});
