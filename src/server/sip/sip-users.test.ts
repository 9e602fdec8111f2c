import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { openSecret } from "@/server/crypto/secret-box";
import { createTestTenant } from "@/test/factories";
import { answerDirectoryRequest } from "@/server/sip/answer-directory-request";
import { authorizeSwitchRequest, isLoopback } from "@/server/sip/authorize-switch-request";
import { createSipUser } from "@/server/sip/create-sip-user";
import { deleteSipUser } from "@/server/sip/delete-sip-user";
import { findSipUsers } from "@/server/sip/find-sip-users";
import { getSipUser } from "@/server/sip/get-sip-user";
import { a1Hash, lookupDirectoryUser } from "@/server/sip/lookup-directory-user";
import { revealSipUserPassword } from "@/server/sip/reveal-sip-user-password";
import { sipDomainFor } from "@/server/sip/sip-user-view";
import { updateSipUser } from "@/server/sip/update-sip-user";

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof AppError ? e.code : (e as Error).name;
  }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
const basic = (password: string) => `Basic ${Buffer.from(`freeswitch:${password}`).toString("base64")}`;

/** The fields mod_xml_curl posts for a REGISTER digest check (a subset of the real set). */
function sipAuthForm(user: string, domain: string, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    hostname: "fs1",
    section: "directory",
    tag_name: "domain",
    key_name: "name",
    key_value: domain,
    "Event-Name": "REQUEST_PARAMS",
    "Core-UUID": "155d8bdf-1ecb-4b23-a84d-b55e35313170",
    action: "sip_auth",
    sip_profile: "internal",
    sip_user_agent: "SIP.js/0.21.2",
    sip_auth_username: user,
    sip_auth_realm: domain,
    sip_auth_method: "REGISTER",
    key: "id",
    user,
    domain,
    ip: "10.0.0.7",
    ...extra,
  });
}

const DEV = { password: undefined, nodeEnv: "development" };

describe("createSipUser", () => {
  it("creates the user in the tenant's SIP domain, returns the password once, stores it sealed, and audits without it", async () => {
    const { actor, tenant } = await createTestTenant();
    const created = await createSipUser(actor, { username: " Agent.01 ", displayName: "Front desk" });
    expect(created.sipUser).toMatchObject({ username: "agent.01", domain: sipDomainFor(tenant.slug), displayName: "Front desk", enabled: true });
    expect(created.sipUser.sipUri).toBe(`agent.01@${tenant.slug}.sip.irisx.local`);
    expect(created.password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const row = await db.sipUser.findUniqueOrThrow({ where: { id: created.sipUser.id } });
    expect(row.passwordCipher).not.toContain(created.password);
    expect(openSecret(row.passwordCipher)).toBe(created.password);
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: actor.tenantId, action: "sip_user.created" } });
    expect(audit.targetId).toBe(created.sipUser.id);
    expect(JSON.stringify(audit)).not.toContain(created.password);
    expect(JSON.stringify(created.sipUser)).not.toContain("passwordCipher");
  });

  it("validates the username, refuses duplicates in a tenant and lets another tenant reuse the name", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    expect(await codeOf(createSipUser(a.actor, { username: "bad name" }))).toBe("ZodError");
    expect(await codeOf(createSipUser(a.actor, { username: "-x" }))).toBe("ZodError");
    expect(await codeOf(createSipUser(a.actor, { username: "a" }))).toBe("ZodError");
    expect(await codeOf(createSipUser(a.actor, { username: "1001" }))).toBe("OK");
    expect(await codeOf(createSipUser(a.actor, { username: "1001" }))).toBe("CONFLICT");
    expect(await codeOf(createSipUser(b.actor, { username: "1001" }))).toBe("OK");
  });

  it("links only members of the same tenant, and only owners and admins may manage SIP users", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    expect(await codeOf(createSipUser(a.actor, { username: "mine", userId: b.user.id }))).toBe("NOT_FOUND");
    expect((await createSipUser(a.actor, { username: "mine", userId: a.user.id })).sipUser.userId).toBe(a.user.id);
    for (const role of ["SUPERVISOR", "DEVELOPER", "AGENT"] as const) {
      expect(await codeOf(createSipUser({ ...a.actor, role }, { username: `r-${role.toLowerCase()}` }))).toBe("FORBIDDEN");
      expect(await codeOf(findSipUsers({ ...a.actor, role }))).toBe("FORBIDDEN");
    }
    expect(await codeOf(createSipUser({ ...a.actor, role: "ADMIN" }, { username: "by-admin" }))).toBe("OK");
  });
});

describe("findSipUsers / getSipUser / updateSipUser / deleteSipUser / revealSipUserPassword", () => {
  it("pages newest first and never shows, changes, reveals or deletes another tenant's users", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createSipUser(a.actor, { username: `u${i}0` })).sipUser.id);
    await createSipUser(b.actor, { username: "other" });

    const first = await findSipUsers(a.actor, { limit: 2 });
    expect(first.items.map((u) => u.username)).toEqual(["u20", "u10"]);
    const rest = await findSipUsers(a.actor, { limit: 2, cursor: first.nextCursor! });
    expect(rest).toMatchObject({ hasMore: false, nextCursor: null });
    expect(rest.items.map((u) => u.username)).toEqual(["u00"]);
    expect((await findSipUsers(b.actor)).items.map((u) => u.username)).toEqual(["other"]);

    const id = ids[0]!;
    expect(await codeOf(getSipUser(b.actor, { id }))).toBe("NOT_FOUND");
    expect(await codeOf(updateSipUser(b.actor, { id, enabled: false }))).toBe("NOT_FOUND");
    expect(await codeOf(revealSipUserPassword(b.actor, { id }))).toBe("NOT_FOUND");
    expect(await codeOf(deleteSipUser(b.actor, { id }))).toBe("NOT_FOUND");
    expect((await db.sipUser.findUniqueOrThrow({ where: { id } })).enabled).toBe(true);
  });

  it("disables, renames, reveals (audited) and deletes, auditing each change", async () => {
    const { actor } = await createTestTenant();
    const { sipUser, password } = await createSipUser(actor, { username: "desk" });
    const updated = await updateSipUser(actor, { id: sipUser.id, enabled: false, displayName: "Desk 2" });
    expect(updated).toMatchObject({ enabled: false, displayName: "Desk 2" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "sip_user.updated", targetId: sipUser.id } });
    expect(audit.before).toMatchObject({ enabled: true });
    expect(audit.after).toMatchObject({ enabled: false, displayName: "Desk 2" });

    expect((await revealSipUserPassword(actor, { id: sipUser.id })).password).toBe(password);
    expect(await db.auditLog.count({ where: { action: "sip_user.password_revealed", targetId: sipUser.id } })).toBe(1);

    expect(await deleteSipUser(actor, { id: sipUser.id })).toEqual({ id: sipUser.id });
    expect(await db.sipUser.count({ where: { id: sipUser.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "sip_user.deleted", targetId: sipUser.id } })).toBe(1);
  });
});

describe("lookupDirectoryUser", () => {
  it("answers the a1-hash of user:domain:password for an enabled user of the domain's tenant", async () => {
    const { actor, tenant } = await createTestTenant();
    const { sipUser, password } = await createSipUser(actor, { username: "alice", displayName: "Alice" });
    const found = await lookupDirectoryUser({ user: "ALICE", domain: sipDomainFor(tenant.slug).toUpperCase() });
    expect(found).toEqual({
      sipUserId: sipUser.id,
      tenantId: tenant.id,
      username: "alice",
      domain: sipUser.domain,
      displayName: "Alice",
      a1Hash: a1Hash("alice", sipUser.domain, password),
    });
  });

  it("never answers a user of tenant A for tenant B's domain, nor disabled users, nor suspended tenants", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const alice = await createSipUser(a.actor, { username: "alice" });
    expect(await lookupDirectoryUser({ user: "alice", domain: sipDomainFor(b.tenant.slug) })).toBeNull();
    expect(await lookupDirectoryUser({ user: "alice", domain: "sip.irisx.local" })).toBeNull();

    // Even a row whose domain column names B's domain does not answer for B: the tenant owning the domain must own the row.
    await db.sipUser.update({ where: { id: alice.sipUser.id }, data: { domain: sipDomainFor(b.tenant.slug) } });
    expect(await lookupDirectoryUser({ user: "alice", domain: sipDomainFor(b.tenant.slug) })).toBeNull();
    await db.sipUser.update({ where: { id: alice.sipUser.id }, data: { domain: sipDomainFor(a.tenant.slug) } });
    expect(await lookupDirectoryUser({ user: "alice", domain: sipDomainFor(a.tenant.slug) })).not.toBeNull();

    await updateSipUser(a.actor, { id: alice.sipUser.id, enabled: false });
    expect(await lookupDirectoryUser({ user: "alice", domain: sipDomainFor(a.tenant.slug) })).toBeNull();
    await updateSipUser(a.actor, { id: alice.sipUser.id, enabled: true });
    await db.tenant.update({ where: { id: a.tenant.id }, data: { status: "SUSPENDED" } });
    expect(await lookupDirectoryUser({ user: "alice", domain: sipDomainFor(a.tenant.slug) })).toBeNull();
  });
});

describe("answerDirectoryRequest (mod_xml_curl)", () => {
  it("answers a sip_auth lookup with the user document FreeSWITCH expects", async () => {
    const { actor, tenant } = await createTestTenant();
    const { sipUser, password } = await createSipUser(actor, { username: "bob", displayName: 'Bob "B" & Co' });
    const answer = await answerDirectoryRequest(
      { form: sipAuthForm("bob", sipUser.domain), authorization: basic("s3cret"), ip: "10.1.2.3" },
      { password: "s3cret", nodeEnv: "production" },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^text\/xml/);
    expect(XMLValidator.validate(answer.body)).toBe(true);
    expect(answer.body).not.toContain(password);
    const doc = parser.parse(answer.body) as {
      document: { type: string; section: { name: string; domain: { name: string; user: { id: string; params: { param: { name: string; value: string } }; variables: { variable: { name: string; value: string }[] } } } } };
    };
    expect(doc.document.type).toBe("freeswitch/xml");
    expect(doc.document.section.name).toBe("directory");
    expect(doc.document.section.domain.name).toBe(sipUser.domain);
    const user = doc.document.section.domain.user;
    expect(user.id).toBe("bob");
    expect(user.params.param).toEqual({ name: "a1-hash", value: a1Hash("bob", sipUser.domain, password) });
    const vars = Object.fromEntries(user.variables.variable.map((v) => [v.name, v.value]));
    expect(vars).toEqual({
      user_context: "internal",
      effective_caller_id_name: 'Bob "B" & Co',
      effective_caller_id_number: "bob",
      irisx_tenant_id: tenant.id,
      irisx_sip_user_id: sipUser.id,
    });
  });

  it("answers not found for unknown users and domains, other tenants' domains, disabled users and other sections", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const { sipUser } = await createSipUser(a.actor, { username: "carol" });
    const ask = (form: URLSearchParams) => answerDirectoryRequest({ form, authorization: null, ip: "127.0.0.1" }, DEV);
    const notFound = async (form: URLSearchParams) => {
      const answer = await ask(form);
      expect(answer.status).toBe(200);
      expect(parser.parse(answer.body)).toEqual({ document: { type: "freeswitch/xml", section: { name: "result", result: { status: "not found" } } } });
    };
    await notFound(sipAuthForm("nobody", sipUser.domain));
    await notFound(sipAuthForm("carol", "nowhere.sip.irisx.local"));
    await notFound(sipAuthForm("carol", sipDomainFor(b.tenant.slug)));
    await notFound(sipAuthForm("carol", sipUser.domain, { section: "dialplan" }));
    await notFound(new URLSearchParams({ section: "directory", tag_name: "domain", key_name: "name", key_value: sipUser.domain, purpose: "gateways" }));
    expect((await ask(sipAuthForm("carol", sipUser.domain))).body).toContain('user id="carol"');
    // A bare domain lookup names the domain only as key_value.
    const viaKey = sipAuthForm("carol", sipUser.domain);
    viaKey.delete("domain");
    expect((await ask(viaKey)).body).toContain('user id="carol"');
    await updateSipUser(a.actor, { id: sipUser.id, enabled: false });
    await notFound(sipAuthForm("carol", sipUser.domain));
  });

  it("requires the shared password when one is configured, and loopback outside production when none is", async () => {
    const form = sipAuthForm("x", "y.sip.irisx.local");
    const configured = { password: "s3cret", nodeEnv: "production" };
    const wrong = await answerDirectoryRequest({ form, authorization: basic("guess"), ip: "127.0.0.1" }, configured);
    expect(wrong.status).toBe(401);
    expect(wrong.headers["www-authenticate"]).toBe('Basic realm="freeswitch"');
    expect((await answerDirectoryRequest({ form, authorization: null, ip: "127.0.0.1" }, configured)).status).toBe(401);
    expect((await answerDirectoryRequest({ form, authorization: "Bearer s3cret", ip: "127.0.0.1" }, configured)).status).toBe(401);
    expect((await answerDirectoryRequest({ form, authorization: basic("s3cret"), ip: "203.0.113.9" }, configured)).status).toBe(200);

    expect((await answerDirectoryRequest({ form, authorization: null, ip: "10.0.0.2" }, DEV)).status).toBe(403);
    expect((await answerDirectoryRequest({ form, authorization: null, ip: null }, DEV)).status).toBe(403);
    expect((await answerDirectoryRequest({ form, authorization: null, ip: "::1" }, DEV)).status).toBe(200);
    expect((await answerDirectoryRequest({ form, authorization: null, ip: "127.0.0.1" }, { password: undefined, nodeEnv: "production" })).status).toBe(403);

    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("128.0.0.1")).toBe(false);
    expect(authorizeSwitchRequest({ authorization: basic(""), ip: null }, configured)).toEqual({ ok: false, reason: "wrong_password" });
  });
});
