import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { globalSearch } from "@/server/admin/global-search";
import { parseSearchQuery, idPrefixRange } from "@/server/admin/global-search/search-query";
import { newId, newSid } from "@/server/shared/ids";
import { insertQueuedCalls, randomTestDid } from "@/test/call-fixtures";
import { createTestTenant } from "@/test/factories";

// Words no other row of this file's database holds, so each test finds exactly its own rows.
const word = (prefix: string) => `${prefix}${randomBytes(4).toString("hex")}`;

const titles = (hits: { title: string }[]) => hits.map((h) => h.title);

async function tenantNamed(name: string) {
  const { tenant, user } = await createTestTenant({ name });
  return { tenant: await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } }), user };
}

describe("globalSearch", () => {
  const stem = word("zephyr");
  let exact: Awaited<ReturnType<typeof tenantNamed>>;

  beforeAll(async () => {
    exact = await tenantNamed(stem);
    await tenantNamed(`${stem}ine Labs`);
    await tenantNamed(`Blue ${stem} Co`);
  });

  it("ranks the whole name first, then a name starting with it, then a name containing it", async () => {
    const { hits } = await globalSearch({ q: stem.toUpperCase() });
    const tenants = hits.filter((h) => h.kind === "tenant");
    expect(titles(tenants)).toEqual([stem, `${stem}ine Labs`, `Blue ${stem} Co`]);
    expect(tenants.map((h) => h.tier)).toEqual(["exact", "prefix", "similar"]);
    expect(tenants[0]).toMatchObject({ tenant: { id: exact.tenant.id, name: stem }, matchedOn: "name" });
  });

  it("finds a tenant by a misspelling (trigram likeness), ranked by how alike", async () => {
    const name = word("Quokkaworks");
    const { tenant } = await tenantNamed(name);
    const typo = name.replace("kka", "ka");
    const { hits } = await globalSearch({ q: typo, kinds: ["tenant"] });
    expect(hits[0]).toMatchObject({ id: tenant.id, tier: "similar" });
    expect(hits[0]!.score).toBeGreaterThan(0.5);
  });

  it("finds a tenant by its id, its start, its AccountSid and its slug", async () => {
    const tenant = await db.tenant.update({ where: { id: exact.tenant.id }, data: { slug: word("zephyr-works-") } });
    for (const [q, matchedOn, tier] of [
      [tenant.id, "id", "exact"],
      [tenant.id.slice(0, 12), "id", "prefix"],
      [tenant.accountSid, "AccountSid", "exact"],
      [tenant.accountSid.toLowerCase(), "AccountSid", "exact"],
      [tenant.accountSid.slice(0, 10), "AccountSid", "prefix"],
      [tenant.slug, "slug", "exact"],
    ] as const) {
      const { hits } = await globalSearch({ q });
      expect(hits[0], q).toMatchObject({ kind: "tenant", id: tenant.id, matchedOn, tier });
    }
  });

  it("finds users by email, name and id, leading to their workspace; staff lead to no tenant", async () => {
    const name = word("Marguerite ");
    const { tenant, user } = await createTestTenant({ name: word("Users co ") });
    await db.user.update({ where: { id: user.id }, data: { name } });
    const staff = await db.user.create({ data: { id: newId("usr"), email: `${word("staffer")}@irisx.test`, name: "Staff Person", passwordHash: "x", isPlatformStaff: true, staffRole: "SUPPORT" } });

    const byEmail = await globalSearch({ q: user.email.toUpperCase() });
    expect(byEmail.hits[0]).toMatchObject({ kind: "user", id: user.id, tier: "exact", matchedOn: "email", tenant: { id: tenant.id, name: tenant.name } });
    expect(byEmail.hits[0]!.detail).toContain(`owner of ${tenant.name}`);
    expect((await globalSearch({ q: name })).hits[0]).toMatchObject({ kind: "user", id: user.id, tier: "exact", matchedOn: "name" });
    expect((await globalSearch({ q: user.id })).hits[0]).toMatchObject({ kind: "user", id: user.id, matchedOn: "id" });
    expect((await globalSearch({ q: staff.email.split("@")[0]! })).hits[0]).toMatchObject({ kind: "user", id: staff.id, staff: true, tenant: null, tier: "prefix" });
  });

  it("finds phone numbers by E.164, by the number written any way, and by a run of its digits", async () => {
    const { tenant } = await createTestTenant({ name: word("Numbers co ") });
    const e164 = randomTestDid();
    const number = await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: tenant.id, e164, origin: "ASSIGNED", friendlyName: "Front desk" } });
    const national = e164.slice(2);
    const written = `+1 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
    for (const [q, tier] of [
      [e164, "exact"],
      [written, "exact"],
      [national, "exact"],
      [e164.slice(0, 8), "prefix"],
      [national.slice(3), "similar"],
      [number.id, "exact"],
    ] as const) {
      const { hits } = await globalSearch({ q, kinds: ["phone_number"] });
      expect(hits.map((h) => h.id), q).toContain(number.id);
      expect(hits.find((h) => h.id === number.id), q).toMatchObject({ title: e164, tier, tenant: { id: tenant.id } });
    }
  });

  it("finds calls by sid, by the start of a sid, by channel uuid and by a recording's sid", async () => {
    const { tenant } = await createTestTenant({ name: word("Calls co ") });
    const [callId] = await insertQueuedCalls(tenant.id, "+15005550006", 1);
    const uuid = crypto.randomUUID();
    await db.call.update({ where: { id: callId! }, data: { channelUuid: uuid } });
    const recording = await db.recording.create({ data: { id: newSid("RE"), tenantId: tenant.id, callId: callId! } });

    expect((await globalSearch({ q: callId! })).hits).toEqual([expect.objectContaining({ kind: "call", id: callId, tier: "exact", matchedOn: "sid", tenant: { id: tenant.id, name: tenant.name } })]);
    expect((await globalSearch({ q: `ca${callId!.slice(2, 14)}` })).hits[0]).toMatchObject({ kind: "call", id: callId, tier: "prefix" });
    expect((await globalSearch({ q: uuid.toUpperCase() })).hits[0]).toMatchObject({ kind: "call", id: callId, matchedOn: "channel uuid" });
    expect((await globalSearch({ q: recording.id })).hits[0]).toMatchObject({ kind: "call", id: callId, matchedOn: "recording sid" });
  });

  it("finds pending invitations, caller IDs and API keys", async () => {
    const { tenant, user } = await createTestTenant({ name: word("Misc co ") });
    const invited = `${word("newhire")}@example.test`;
    await db.invitation.create({ data: { id: newId("inv"), tenantId: tenant.id, email: invited, role: "AGENT", tokenHash: word("h"), invitedById: user.id, expiresAt: new Date(Date.now() + 86_400_000) } });
    const callerId = await db.callerId.create({ data: { id: newSid("CI"), tenantId: tenant.id, e164: randomTestDid(), verifiedAt: new Date() } });
    const key = await db.apiKey.create({ data: { id: newSid("AK"), tenantId: tenant.id, name: "billing sync", scopes: ["*"], secretHash: "x", secretLast4: "abcd" } });

    expect((await globalSearch({ q: invited })).hits[0]).toMatchObject({ kind: "invitation", title: invited, tier: "exact", tenant: { id: tenant.id } });
    expect((await globalSearch({ q: callerId.e164, kinds: ["caller_id"] })).hits[0]).toMatchObject({ kind: "caller_id", id: callerId.id, tier: "exact" });
    expect((await globalSearch({ q: key.id })).hits[0]).toMatchObject({ kind: "api_key", id: key.id, tier: "exact", tenant: { id: tenant.id } });
  });

  it("ranks across kinds: a whole email before a name that merely resembles it", async () => {
    const local = word("ottoline");
    const { user } = await createTestTenant({ name: `${local} Holdings` });
    await db.user.update({ where: { id: user.id }, data: { email: `${local}@example.test` } });
    const { hits } = await globalSearch({ q: `${local}@example.test` });
    expect(hits[0]).toMatchObject({ kind: "user", id: user.id, tier: "exact" });
    const { hits: byWord } = await globalSearch({ q: local });
    expect(byWord.map((h) => `${h.kind}:${h.tier}`)).toEqual(["tenant:prefix", "user:prefix"]);
  });

  it("returns at most `limit` hits, and only the kinds asked for", async () => {
    const shared = word("Limitless");
    for (let i = 0; i < 6; i++) await tenantNamed(`${shared} ${i}`);
    expect((await globalSearch({ q: shared })).hits).toHaveLength(6);
    expect((await globalSearch({ q: shared, limit: 4 })).hits).toHaveLength(4);
    expect((await globalSearch({ q: shared, kinds: ["user", "call"] })).hits).toEqual([]);
  });

  it("escapes LIKE wildcards: % and _ match only themselves", async () => {
    const name = `${word("Per")}_100% Co`;
    const { tenant } = await tenantNamed(name);
    expect((await globalSearch({ q: "%%%", kinds: ["tenant"] })).hits).toEqual([]);
    expect((await globalSearch({ q: name.slice(0, -3), kinds: ["tenant"] })).hits[0]).toMatchObject({ id: tenant.id, tier: "prefix" });
  });

  it("finds nothing for an unknown id, without error", async () => {
    expect((await globalSearch({ q: newSid("CA") })).hits).toEqual([]);
    expect((await globalSearch({ q: "tn_00000000000000000000000000" })).hits).toEqual([]);
  });

  it("refuses bad input with a 400 naming the field", async () => {
    for (const [input, field] of [
      [{ q: " " }, "q"],
      [{ q: "a" }, "q"],
      [{ q: "x".repeat(201) }, "q"],
      [{ q: "acme", limit: 0 }, "limit"],
      [{ q: "acme", limit: 51 }, "limit"],
      [{ q: "acme", kinds: ["message"] }, "kinds"],
      [{ q: "acme", kinds: [] }, "kinds"],
    ] as const) {
      const error = await globalSearch(input as never).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toMatchObject({ code: "VALIDATION_FAILED", httpStatus: 400, details: { fieldErrors: { [field]: expect.any(Array) } } });
    }
  });
});

describe("parseSearchQuery", () => {
  it("reads sids, ids and phone numbers, and escapes LIKE patterns", () => {
    const sid = `CA${"ab12".repeat(8)}`;
    expect(parseSearchQuery(` ${sid.toLowerCase()} `)).toMatchObject({ sid: { prefix: "CA", value: sid, whole: true }, wholeId: true });
    expect(parseSearchQuery("PN3f9c")).toMatchObject({ sid: { prefix: "PN", value: "PN3f9c", whole: false }, wholeId: false });
    expect(parseSearchQuery("CAfe").sid).toBeNull();
    expect(parseSearchQuery("Acme").sid).toBeNull();
    expect(parseSearchQuery("TN_01J9").ulid).toEqual({ prefix: "tn_", value: "tn_01j9", whole: false });
    expect(parseSearchQuery("+1 (415) 555-0100").digits).toBe("14155550100");
    expect(parseSearchQuery("555").digits).toBe("555");
    expect(parseSearchQuery("55").digits).toBeNull();
    expect(parseSearchQuery("50%_OFF\\")).toMatchObject({ lower: "50%_off\\", prefixPattern: "50\\%\\_off\\\\%", containsPattern: "%50\\%\\_OFF\\\\%" });
  });

  it("bounds an id's start as a btree range", () => {
    expect(idPrefixRange("CA3f")).toEqual({ lower: "CA3f", upper: "CA3g" });
    expect(idPrefixRange("CA39")).toEqual({ lower: "CA39", upper: "CA3a" });
    expect(idPrefixRange("tn_01zz")).toEqual({ lower: "tn_01zz", upper: "tn_02" });
    expect(idPrefixRange("tn_zz")).toEqual({ lower: "tn_zz", upper: null });
  });
});
