// Malformed input never answers 5xx: every operation of the OpenAPI document (API_V1_ROUTES), run through the real
// route handlers, with a NUL character (U+0000, which PostgreSQL text cannot hold) in each path parameter, each query
// parameter and each string of its example body, and with an oversized and a deeply nested body. Each must be a
// 4xx (or a success): before, a NUL reaching the database was a 500 on 17 operations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_V1_ROUTES } from "@/server/api/v1";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { env } from "@/env";
import { startAppRouteServer } from "@/test/app-route-server";
import { createVoiceTenant } from "@/test/call-fixtures";

let server: Awaited<ReturnType<typeof startAppRouteServer>>;
let bearer: string;

beforeAll(async () => {
  server = await startAppRouteServer("api/v1");
  const tenant = await createVoiceTenant();
  bearer = (await createApiKey(tenant.actor, { name: "fuzz", scopes: ["*"] })).bearerToken;
});
afterAll(() => server?.close());

const NUL = "x\u0000y";

/** Every variant of `value` with one of its strings replaced by NUL, with the path of the string replaced. */
function withNulEachString(value: unknown, path = ""): { path: string; value: unknown }[] {
  if (typeof value === "string") return [{ path: path || "body", value: NUL }];
  if (Array.isArray(value)) return value.flatMap((v, i) => withNulEachString(v, `${path}.${i}`).map((x) => ({ path: x.path, value: value.map((o, j) => (j === i ? x.value : o)) })));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => withNulEachString(v, path ? `${path}.${k}` : k).map((x) => ({ path: x.path, value: { ...value, [k]: x.value } })));
  }
  return [];
}

function pathWith(path: string, param: string): string {
  return path.replace(/\{(\w+)\}/g, () => param);
}

async function send(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe("the API under malformed input", () => {
  for (const route of API_V1_ROUTES) {
    const { method, path, example, query } = route.spec;
    it(`${method} ${path}`, async () => {
      const outcomes: { what: string; status: number; text: string }[] = [];
      const sample = pathWith(path, "CA00000000000000000000000000000000");
      if (path.includes("{")) outcomes.push({ what: "NUL in a path parameter", ...(await send(method, pathWith(path, encodeURIComponent(NUL)), method === "GET" || method === "DELETE" ? undefined : "{}")) });
      for (const name of Object.keys((query as unknown as { shape?: Record<string, unknown> })?.shape ?? {})) {
        outcomes.push({ what: `NUL in query ${name}`, ...(await send(method, `${sample}?${name}=${encodeURIComponent(NUL)}`)) });
      }
      if (method !== "GET" && method !== "DELETE") {
        for (const variant of withNulEachString(example ?? {})) {
          const res = await send(method, sample, JSON.stringify(variant.value));
          outcomes.push({ what: `NUL in body ${variant.path}`, ...res });
          if (res.status === 400) expect(res.text, `${method} ${path}: the 400 names ${variant.path}`).toContain(variant.path.split(".")[0]);
        }
        outcomes.push({ what: "NUL in a body key", ...(await send(method, sample, JSON.stringify({ ...(example ?? {}), [NUL]: 1 }))) });
        outcomes.push({ what: "an oversized body", ...(await send(method, sample, JSON.stringify({ pad: "a".repeat(env.API_MAX_BODY_BYTES + 1) }))) });
        outcomes.push({ what: "a body nested 5,000 deep", ...(await send(method, sample, `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`)) });
        outcomes.push({ what: "a body that is not JSON", ...(await send(method, sample, "{\"to\": ")) });
      }
      const failures = outcomes.filter((o) => o.status >= 500).map((o) => `${o.what}: ${o.status} ${o.text.slice(0, 200)}`);
      expect(failures).toEqual([]);
    });
  }
});
