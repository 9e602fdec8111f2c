// The REST contract, exercised through the exported App Router handlers (no server): auth, scopes, suspension,
// rate limit, idempotency, bad input, paging, and the OpenAPI document against the route files on disk.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { claimIdempotencyKey, idempotencyRequestHash } from "@/server/api/idempotency";
import { API_V1_ROUTES } from "@/server/api/v1";
import { createTestTenant } from "@/test/factories";
import { GET as getAccount } from "@/app/api/v1/account/route";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/api-keys/route";
import { DELETE as revokeKey, GET as getKey } from "@/app/api/v1/api-keys/[id]/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { GET as ping } from "@/app/api/ping/route";
import { NOT_ALLOWED } from "@/server/api/unrouted";

const BASE = "http://localhost:3000";

async function tenantWithKey(opts: { scopes?: string[]; rateLimit?: number; suspended?: string } = {}) {
  const t = await createTestTenant();
  if (opts.rateLimit) await db.tenant.update({ where: { id: t.tenant.id }, data: { apiRateLimitPerSecond: opts.rateLimit } });
  if (opts.suspended) await db.tenant.update({ where: { id: t.tenant.id }, data: { status: "SUSPENDED", suspendedReason: opts.suspended } });
  const key = await createApiKey(t.actor, { name: "test", scopes: (opts.scopes ?? ["*"]) as never });
  return { ...t, key, auth: `Bearer ${key.bearerToken}` };
}

function req(url: string, init: { method?: string; auth?: string; headers?: Record<string, string>; body?: string | object } = {}) {
  const headers: Record<string, string> = { ...(init.auth ? { authorization: init.auth } : {}), ...init.headers };
  let body: string | undefined;
  if (typeof init.body === "object") {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  } else body = init.body;
  return new Request(`${BASE}${url}`, { method: init.method ?? "GET", headers, body });
}

const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

async function json(res: Response) {
  return (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; details: unknown } };
}

describe("authentication", () => {
  it("accepts Bearer and Basic (key id : secret) and answers with the account in snake_case", async () => {
    const { key, auth, tenant } = await tenantWithKey({ scopes: ["account:read"] });
    const bearer = await getAccount(req("/api/v1/account", { auth }));
    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toEqual({
      id: tenant.id,
      name: "Acme",
      status: "active",
      credit_balance_micros: 10_000_000,
      currency: "USD",
      created_at: tenant.createdAt.toISOString(),
    });
    expect(bearer.headers.get("x-request-id")).toBeTruthy();

    const basic = `Basic ${Buffer.from(`${key.apiKey.id}:${key.secret}`).toString("base64")}`;
    expect((await getAccount(req("/api/v1/account", { auth: basic }))).status).toBe(200);
  });

  it("keeps a caller's X-Request-Id", async () => {
    const { auth } = await tenantWithKey();
    const res = await getAccount(req("/api/v1/account", { auth, headers: { "x-request-id": "client-req-12345" } }));
    expect(res.headers.get("x-request-id")).toBe("client-req-12345");
  });

  it("401s with WWW-Authenticate for no key, a wrong secret and a revoked key", async () => {
    const { key, auth } = await tenantWithKey();
    for (const bad of [undefined, `Bearer irx_${key.apiKey.id}_wrong`, `Basic ${Buffer.from(`${key.apiKey.id}:nope`).toString("base64")}`, "Token abc"]) {
      const res = await getAccount(req("/api/v1/account", { auth: bad }));
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/Bearer.*Basic/);
      expect((await json(res)).error).toMatchObject({ code: "UNAUTHORIZED" });
    }
    expect((await revokeKey(req(`/api/v1/api-keys/${key.apiKey.id}`, { method: "DELETE", auth }), params({ id: key.apiKey.id }))).status).toBe(200);
    const after = await getAccount(req("/api/v1/account", { auth }));
    expect(after.status).toBe(401);
  });

  it("403s a suspended tenant with a clear message", async () => {
    const { auth } = await tenantWithKey({ suspended: "payment overdue" });
    const res = await getAccount(req("/api/v1/account", { auth }));
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(body.error?.code).toBe("TENANT_SUSPENDED");
    expect(body.error?.message).toMatch(/account is suspended: payment overdue.*Contact support/);
  });

  it("403s a key without the route's scope, naming the scope", async () => {
    const { auth } = await tenantWithKey({ scopes: ["webhooks:read"] });
    const res = await getAccount(req("/api/v1/account", { auth }));
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(body.error).toMatchObject({ code: "FORBIDDEN", details: { required_scope: "account:read" } });
    expect(body.error?.message).toContain("account:read");
  });
});

describe("rate limit", () => {
  it("429s with Retry-After once the key's per-second budget is spent", async () => {
    const { auth } = await tenantWithKey({ rateLimit: 3 });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await getAccount(req("/api/v1/account", { auth }));
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await json(limited!)).error?.code).toBe("RATE_LIMITED");
  });
});

describe("idempotency", () => {
  it("replays the stored response for the same key and body, and 422s another body", async () => {
    const { auth, tenant } = await tenantWithKey();
    const send = (body: object, key = "idem-key-1") => createKey(req("/api/v1/api-keys", { method: "POST", auth, body, headers: { "idempotency-key": key } }));

    const first = await send({ name: "ci", scopes: ["account:read"] });
    expect(first.status).toBe(201);
    const firstBody = await json(first);
    const replay = await send({ scopes: ["account:read"], name: "ci" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await json(replay)).toEqual(firstBody);
    expect(await db.apiKey.count({ where: { tenantId: tenant.id, name: "ci" } })).toBe(1);

    const reused = await send({ name: "other", scopes: ["account:read"] });
    expect(reused.status).toBe(422);
    expect((await json(reused)).error?.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("409s a duplicate while the first request is still in progress", async () => {
    const { auth, tenant } = await tenantWithKey();
    const body = { name: "slow", scopes: ["account:read"] };
    await claimIdempotencyKey({ tenantId: tenant.id, key: "busy", method: "POST", path: "/api/v1/api-keys", requestHash: idempotencyRequestHash("POST", "/api/v1/api-keys", body) });
    const res = await createKey(req("/api/v1/api-keys", { method: "POST", auth, body, headers: { "idempotency-key": "busy" } }));
    expect(res.status).toBe(409);
    expect((await json(res)).error?.code).toBe("CONFLICT");
  });

  it("lets concurrent duplicates create exactly one key", async () => {
    const { auth, tenant } = await tenantWithKey();
    const body = { name: "race", scopes: ["account:read"] };
    const results = await Promise.all(
      Array.from({ length: 4 }, () => createKey(req("/api/v1/api-keys", { method: "POST", auth, body, headers: { "idempotency-key": "race-1" } }))),
    );
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect(await db.apiKey.count({ where: { tenantId: tenant.id, name: "race" } })).toBe(1);
  });

  it("releases the key when the request fails, so a corrected retry can use it", async () => {
    const { auth } = await tenantWithKey({ scopes: ["api_keys:write"] });
    const escalate = await createKey(req("/api/v1/api-keys", { method: "POST", auth, body: { name: "x", scopes: ["*"] }, headers: { "idempotency-key": "retry-me" } }));
    expect(escalate.status).toBe(403);
    const again = await createKey(req("/api/v1/api-keys", { method: "POST", auth, body: { name: "x", scopes: ["*"] }, headers: { "idempotency-key": "retry-me" } }));
    expect(again.status).toBe(403);
  });
});

describe("bad input", () => {
  it("400s malformed JSON", async () => {
    const { auth } = await tenantWithKey();
    const res = await createKey(req("/api/v1/api-keys", { method: "POST", auth, body: '{"name": "x",', headers: { "content-type": "application/json" } }));
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "BAD_REQUEST", details: [{ field: "body", message: "malformed JSON" }] });
  });

  it("400s wrong types and bad values, naming each field", async () => {
    const { auth } = await tenantWithKey();
    const res = await createKey(req("/api/v1/api-keys", { method: "POST", auth, body: { name: 42, scopes: ["calls:everything"] } }));
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error?.code).toBe("VALIDATION_FAILED");
    const fields = (body.error?.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["name", "scopes.0"]));
  });

  it("400s unknown fields, naming them", async () => {
    const { auth } = await tenantWithKey();
    const res = await createKey(req("/api/v1/api-keys", { method: "POST", auth, body: { name: "x", scopes: ["*"], tenant_id: "tn_other" } }));
    expect(res.status).toBe(400);
    expect((await json(res)).error?.details).toEqual([{ field: "tenant_id", message: "unknown field" }]);
    const query = await listKeys(req("/api/v1/api-keys?limit=2&colour=red", { auth }));
    expect(query.status).toBe(400);
    expect((await json(query)).error?.details).toEqual([{ field: "colour", message: "unknown field" }]);
  });

  it("400s a JSON body that is not an object, and bad query values", async () => {
    const { auth } = await tenantWithKey();
    const arr = await createKey(req("/api/v1/api-keys", { method: "POST", auth, body: "[1,2]", headers: { "content-type": "application/json" } }));
    expect(arr.status).toBe(400);
    const limit = await listKeys(req("/api/v1/api-keys?limit=1000", { auth }));
    expect(limit.status).toBe(400);
    expect((await json(limit)).error?.details).toMatchObject([{ field: "limit" }]);
  });

  it("413s oversize bodies, with or without Content-Length", async () => {
    const { auth } = await tenantWithKey();
    const big = JSON.stringify({ name: "x".repeat(300 * 1024), scopes: ["*"] });
    const declared = await createKey(req("/api/v1/api-keys", { method: "POST", auth, body: big, headers: { "content-type": "application/json", "content-length": String(big.length) } }));
    expect(declared.status).toBe(413);
    expect((await json(declared)).error?.code).toBe("PAYLOAD_TOO_LARGE");
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode("x".repeat(10 * 1024)));
        c.close();
      },
    });
    const chunked = await createKey(
      new Request(`${BASE}/api/v1/api-keys`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit),
    );
    expect(chunked.status).toBe(413);
  });

  it("415s other content types", async () => {
    const { auth } = await tenantWithKey();
    const res = await createKey(req("/api/v1/api-keys", { method: "POST", auth, body: "<key/>", headers: { "content-type": "application/xml" } }));
    expect(res.status).toBe(415);
    expect((await json(res)).error?.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("accepts form-encoded bodies with repeated keys as arrays (Twilio-style clients)", async () => {
    const { auth } = await tenantWithKey();
    const res = await createKey(req("/api/v1/api-keys", { method: "POST", auth, body: "name=form+key&scopes=account%3Aread&scopes=webhooks%3Aread", headers: { "content-type": "application/x-www-form-urlencoded" } }));
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ name: "form key", scopes: ["account:read", "webhooks:read"] });
  });

  it("404s a malformed id the same as another tenant's", async () => {
    const { auth } = await tenantWithKey();
    const res = await getKey(req("/api/v1/api-keys/nonsense", { auth }), params({ id: "nonsense" }));
    expect(res.status).toBe(404);
    expect((await json(res)).error?.code).toBe("NOT_FOUND");
  });
});

describe("API keys over REST", () => {
  it("creates, lists with paging, reads and revokes; never returns secrets after creation", async () => {
    const { auth, key } = await tenantWithKey();
    const created = await json(await createKey(req("/api/v1/api-keys", { method: "POST", auth, body: { name: "second", scopes: ["account:read"] } })));
    expect(created.secret).toEqual(expect.any(String));
    expect(created.bearer_token).toBe(`irx_${created.id as string}_${created.secret as string}`);

    const page1 = await json(await listKeys(req("/api/v1/api-keys?limit=1", { auth })));
    expect(page1).toMatchObject({ has_more: true, next_starting_after: created.id });
    expect((page1.data as { id: string }[]).map((k) => k.id)).toEqual([created.id]);
    const page2 = await json(await listKeys(req(`/api/v1/api-keys?limit=1&starting_after=${created.id as string}`, { auth })));
    expect(page2).toMatchObject({ has_more: false, next_starting_after: null });
    expect((page2.data as { id: string }[])[0]!.id).toBe(key.apiKey.id);
    expect(JSON.stringify(page1) + JSON.stringify(page2)).not.toContain(created.secret as string);

    const one = await json(await getKey(req(`/api/v1/api-keys/${created.id as string}`, { auth }), params({ id: created.id as string })));
    expect(one).toMatchObject({ id: created.id, status: "active", scopes: ["account:read"] });
    expect(one.secret).toBeUndefined();
    const revoked = await json(await revokeKey(req(`/api/v1/api-keys/${created.id as string}`, { method: "DELETE", auth }), params({ id: created.id as string })));
    expect(revoked).toMatchObject({ status: "revoked", revoked_at: expect.any(String) });
  });
});

describe("unauthenticated routes", () => {
  it("ping answers constant JSON", async () => {
    const res = ping();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, service: "irisx" });
  });
});

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? routeFiles(path.join(dir, d.name)) : d.name === "route.ts" ? [path.join(dir, d.name)] : [],
  );
}

/** `src/app/api/v1/api-keys/[id]/route.ts` → `/api/v1/api-keys/{id}` */
function filePathToApiPath(file: string): string {
  const rel = path.relative(path.join(process.cwd(), "src/app"), path.dirname(file)).split(path.sep).join("/");
  return `/${rel}`.replace(/\[(\w+)\]/g, "{$1}");
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with both security schemes, the error schema, and every route file's methods", async () => {
    const res = await getOpenApi(req("/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; "x-codeSamples": unknown[] }>>;
      components: { securitySchemes: Record<string, { scheme: string }>; schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth?.scheme).toBe("bearer");
    expect(doc.components.securitySchemes.basicAuth?.scheme).toBe("basic");
    expect(doc.components.schemas.Error).toBeDefined();

    const served = new Set<string>();
    for (const file of routeFiles(path.join(process.cwd(), "src/app/api/v1"))) {
      const apiPath = filePathToApiPath(file);
      // The document itself, and the catch-all that answers unknown paths with the API's JSON 404.
      if (apiPath === "/api/v1/openapi.json" || apiPath.includes("[...")) continue;
      const mod = (await import(file)) as Record<string, unknown>;
      // Methods a route does not serve answer 405 (otherMethods); they are no operations.
      const serves = (handler: unknown) => typeof handler === "function" && !(handler as unknown as Record<symbol, unknown>)[NOT_ALLOWED];
      for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) if (serves(mod[method])) served.add(`${method} ${apiPath}`);
    }
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    expect([...documented].sort()).toEqual([...served].sort());
    expect(API_V1_ROUTES.length).toBe(served.size);

    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        expect(op.responses["401"]).toBeDefined();
        expect(op["x-codeSamples"]).toHaveLength(1);
      }
    }
  });

  it("is internally consistent: unique operation ids, declared path parameters, resolvable $refs", async () => {
    const doc = (await (await getOpenApi(req("/api/v1/openapi.json"))).json()) as {
      paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string; required?: boolean }[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    const operationIds = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);
    for (const [p, ops] of Object.entries(doc.paths)) {
      const templated = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        const declared = (op.parameters ?? []).filter((x) => x.in === "path");
        expect(declared.map((x) => x.name).sort(), `${op.operationId} path parameters`).toEqual([...templated].sort());
        for (const x of declared) expect(x.required).toBe(true);
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas[ref], `unresolved $ref ${ref}`).toBeDefined();
  });
});
