import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { createTestTenant } from "@/test/factories";
import { authenticateApiKey, parseAuthorization } from "@/server/api-keys/authenticate-api-key";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { hashToken } from "@/server/shared/secret-token";
import { findApiKeys } from "@/server/api-keys/find-api-keys";
import { getApiKey } from "@/server/api-keys/get-api-key";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof AppError ? e.code : (e as Error).name;
  }
}

describe("createApiKey", () => {
  it("returns the secret once, stores only its SHA-256, audits, ticks the milestone and emits api_key.created", async () => {
    const { actor } = await createTestTenant();
    const created = await createApiKey(actor, { name: " CRM ", scopes: ["account:read", "account:read", "webhooks:read"] });
    expect(created.apiKey.id).toMatch(/^AK[0-9a-f]{32}$/);
    expect(created.apiKey.name).toBe("CRM");
    expect(created.apiKey.scopes).toEqual(["account:read", "webhooks:read"]);
    expect(created.bearerToken).toBe(`irx_${created.apiKey.id}_${created.secret}`);

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.apiKey.id } });
    expect(row.secretHash).toBe(hashToken(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(row.secretLast4).toBe(created.secret.slice(-4));

    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: actor.tenantId, action: "api_key.created" } });
    expect(audit.targetId).toBe(created.apiKey.id);
    expect(JSON.stringify(audit)).not.toContain(created.secret);
    expect(await db.tenantMilestone.count({ where: { tenantId: actor.tenantId, key: "api_key_created" } })).toBe(1);
    expect(await db.webhookEvent.count({ where: { tenantId: actor.tenantId, type: "api_key.created" } })).toBe(1);
  });

  it("rejects unknown scopes and empty names", async () => {
    const { actor } = await createTestTenant();
    expect(await codeOf(createApiKey(actor, { name: "x", scopes: ["calls:everything" as never] }))).toBe("ZodError");
    expect(await codeOf(createApiKey(actor, { name: "  ", scopes: ["*"] }))).toBe("ZodError");
  });

  it("lets an API key grant only scopes it holds itself", async () => {
    const { actor } = await createTestTenant();
    const limited = await createApiKey(actor, { name: "limited", scopes: ["api_keys:write", "account:read"] });
    const asKey = { ...actor, userId: null, apiKeyId: limited.apiKey.id };
    expect(await codeOf(createApiKey(asKey, { name: "escalate", scopes: ["*"] }))).toBe("FORBIDDEN");
    expect(await codeOf(createApiKey(asKey, { name: "ok", scopes: ["account:read"] }))).toBe("OK");
  });
});

describe("findApiKeys / getApiKey", () => {
  it("pages newest first by cursor and never shows another tenant's keys", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createApiKey(a.actor, { name: `k${i}`, scopes: ["*"] })).apiKey.id);
    await createApiKey(b.actor, { name: "other", scopes: ["*"] });

    const first = await findApiKeys(a.actor, { limit: 2 });
    expect(first.items.map((k) => k.name)).toEqual(["k4", "k3"]);
    expect(first.hasMore).toBe(true);
    const second = await findApiKeys(a.actor, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((k) => k.name)).toEqual(["k2", "k1"]);
    const last = await findApiKeys(a.actor, { limit: 2, cursor: second.nextCursor! });
    expect(last.items.map((k) => k.name)).toEqual(["k0"]);
    expect(last).toMatchObject({ hasMore: false, nextCursor: null });

    expect(await codeOf(getApiKey(b.actor, ids[0]!))).toBe("NOT_FOUND");
    expect(await codeOf(findApiKeys(b.actor, { cursor: ids[0]! }))).toBe("BAD_REQUEST");
    expect((await getApiKey(a.actor, ids[0]!)).name).toBe("k0");
  });
});

describe("authenticateApiKey", () => {
  it("accepts Bearer and Basic, rejects a wrong secret, and records lastUsedAt off the request path", async () => {
    const { actor } = await createTestTenant();
    const { apiKey, secret, bearerToken } = await createApiKey(actor, { name: "k", scopes: ["account:read"] });

    const viaBearer = await authenticateApiKey(parseAuthorization(`Bearer ${bearerToken}`)!);
    expect(viaBearer).toMatchObject({ keyId: apiKey.id, tenantId: actor.tenantId, scopes: ["account:read"] });
    const viaBasic = await authenticateApiKey(parseAuthorization(basic(apiKey.id, secret))!);
    expect(viaBasic.keyId).toBe(apiKey.id);

    expect(await codeOf(authenticateApiKey({ keyId: apiKey.id, secret: `${secret}x` }))).toBe("UNAUTHORIZED");
    expect(await codeOf(authenticateApiKey({ keyId: `AK${"0".repeat(32)}`, secret }))).toBe("UNAUTHORIZED");
    expect(await codeOf(authenticateApiKey({ keyId: "not-a-key", secret }))).toBe("UNAUTHORIZED");

    await expect.poll(async () => (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt, { timeout: 5000 }).not.toBeNull();
  });

  it("parses only well-formed headers", () => {
    expect(parseAuthorization(null)).toBeNull();
    expect(parseAuthorization("Bearer something")).toBeNull();
    expect(parseAuthorization(`Bearer irx_AK${"a".repeat(32)}`)).toBeNull();
    expect(parseAuthorization(`Bearer irx_AK${"a".repeat(32)}_s_e_c`)).toEqual({ keyId: `AK${"a".repeat(32)}`, secret: "s_e_c" });
    expect(parseAuthorization(`Basic ${Buffer.from("nocolon").toString("base64")}`)).toBeNull();
    expect(parseAuthorization("Digest abc")).toBeNull();
  });

  it("refuses a revoked key at once (cache evicted in this process) and audits the revocation", async () => {
    const { actor } = await createTestTenant();
    const { apiKey, secret } = await createApiKey(actor, { name: "k", scopes: ["*"] });
    await authenticateApiKey({ keyId: apiKey.id, secret });
    const revoked = await revokeApiKey(actor, apiKey.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await codeOf(authenticateApiKey({ keyId: apiKey.id, secret }))).toBe("UNAUTHORIZED");
    expect(await db.auditLog.count({ where: { tenantId: actor.tenantId, action: "api_key.revoked", targetId: apiKey.id } })).toBe(1);

    const again = await revokeApiKey(actor, apiKey.id);
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    expect(await db.auditLog.count({ where: { tenantId: actor.tenantId, action: "api_key.revoked" } })).toBe(1);
  });

  it("refuses keys of a suspended tenant with a message saying so", async () => {
    const { actor, tenant } = await createTestTenant();
    await db.tenant.update({ where: { id: tenant.id }, data: { status: "SUSPENDED", suspendedReason: "unpaid invoice" } });
    const { apiKey, secret } = await createApiKey(actor, { name: "k", scopes: ["*"] });
    const err = await authenticateApiKey({ keyId: apiKey.id, secret }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("TENANT_SUSPENDED");
    expect((err as AppError).message).toMatch(/suspended: unpaid invoice/);
  });

  it("does not let a key revoke a key with scopes it does not hold (api_keys:write cannot cut off the * key)", async () => {
    const { actor } = await createTestTenant();
    const all = await createApiKey(actor, { name: "all", scopes: ["*"] });
    const manager = await createApiKey(actor, { name: "manager", scopes: ["api_keys:write", "calls:read"] });
    const narrow = await createApiKey(actor, { name: "narrow", scopes: ["calls:read"] });
    const asManager = { ...actor, userId: null, apiKeyId: manager.apiKey.id };
    expect(await codeOf(revokeApiKey(asManager, all.apiKey.id))).toBe("FORBIDDEN");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: all.apiKey.id } })).revokedAt).toBeNull();
    // One within its own scopes it may revoke.
    expect((await revokeApiKey(asManager, narrow.apiKey.id)).revokedAt).not.toBeNull();
  });

  it("does not let another tenant revoke a key", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const { apiKey } = await createApiKey(a.actor, { name: "k", scopes: ["*"] });
    expect(await codeOf(revokeApiKey(b.actor, apiKey.id))).toBe("NOT_FOUND");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
  });
});
