// /api/v1/phone-numbers through the App Router handlers: buy through the (stand-in) Twilio number API (201, 400
// naming fields, 409 number_unavailable, 422 without a provider), search available numbers, list/search,
// retrieve, update (POST), release, scopes, and another account's number as 404.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTwilioNumbersStandIn, type NumberProviderStandIn } from "@/test/number-provider-stand-ins";
import { GET as searchAvailable } from "@/app/api/v1/available-phone-numbers/route";
import { db } from "@/server/db";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createTestTenant } from "@/test/factories";
import { GET as listNumbers, POST as createNumber } from "@/app/api/v1/phone-numbers/route";
import { DELETE as releaseNumber, GET as getNumber, POST as updateNumber } from "@/app/api/v1/phone-numbers/[numberId]/route";

const BASE = "http://localhost:3000";

async function tenantWithKey(scopes: string[] = ["numbers:read", "numbers:write"]) {
  const t = await createTestTenant();
  const key = await createApiKey(t.actor, { name: "test", scopes: scopes as never });
  return { ...t, auth: `Bearer ${key.bearerToken}` };
}

function req(url: string, auth: string, init: { method?: string; body?: object | string; contentType?: string } = {}) {
  const body = typeof init.body === "object" ? JSON.stringify(init.body) : init.body;
  const headers: Record<string, string> = { authorization: auth };
  if (body !== undefined) headers["content-type"] = init.contentType ?? "application/json";
  return new Request(`${BASE}${url}`, { method: init.method ?? "GET", headers, body });
}
const params = (numberId: string) => ({ params: Promise.resolve({ numberId }) });

type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] | null } };

let standIn: NumberProviderStandIn;
beforeAll(async () => {
  standIn = await startTwilioNumbersStandIn();
  for (const [k, v] of Object.entries(standIn.env)) vi.stubEnv(k, v);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  expect(standIn.malformed).toEqual([]);
  await standIn.close();
});

let next = 2000;
const fresh = () => `+1415555${String(next++).padStart(4, "0")}`;

describe("POST /api/v1/phone-numbers", () => {
  it("creates a number in E.164 with snake_case fields and 201", async () => {
    const { auth, tenant } = await tenantWithKey();
    const e164 = fresh();
    const res = await createNumber(
      req("/api/v1/phone-numbers", auth, {
        method: "POST",
        body: { phone_number: `${e164.slice(0, 5)} ${e164.slice(5)}`, friendly_name: "Support", voice_url: "https://example.com/voice", carrier_gateway: "twilio", capabilities: { voice: true, sms: true, mms: false } },
      }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      phone_number: e164,
      friendly_name: "Support",
      voice_url: "https://example.com/voice",
      voice_method: "POST",
      voice_flow_id: null,
      carrier_gateway: "twilio",
      capabilities: { voice: true, sms: true, mms: false },
    });
    expect(await db.phoneNumber.count({ where: { tenantId: tenant.id, e164 } })).toBe(1);
  });

  it("accepts a form-encoded body (Twilio clients)", async () => {
    const { auth } = await tenantWithKey();
    const e164 = fresh();
    const res = await createNumber(
      req("/api/v1/phone-numbers", auth, { method: "POST", body: new URLSearchParams({ phone_number: e164, voice_url: "https://example.com/v" }).toString(), contentType: "application/x-www-form-urlencoded" }),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ phone_number: e164, capabilities: { voice: true, sms: false, mms: false } });
  });

  it("answers 400 naming each bad field", async () => {
    const { auth } = await tenantWithKey();
    const cases: [object, string][] = [
      [{ phone_number: "415-555-0100" }, "phone_number"],
      [{ phone_number: fresh(), voice_url: "javascript:alert(1)" }, "voice_url"],
      [{ phone_number: fresh(), voice_method: "PUT" }, "voice_method"],
      [{ phone_number: fresh(), carrier_gateway: "bad gateway/x" }, "carrier_gateway"],
      [{ phone_number: fresh(), voice_url: "https://example.com/v", voice_flow_id: "fl_1" }, "voice_flow_id"],
      [{ phone_number: fresh(), tenant_id: "tn_x" }, "tenant_id"],
      [{}, "phone_number"],
    ];
    for (const [body, field] of cases) {
      const res = await createNumber(req("/api/v1/phone-numbers", auth, { method: "POST", body }));
      const error = ((await res.json()) as ErrorBody).error;
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.details?.map((d) => d.field), JSON.stringify(body)).toContain(field);
    }
  });

  it("answers 409 number_unavailable on phone_number when any account has the number, naming no one", async () => {
    const a = await tenantWithKey();
    const b = await tenantWithKey();
    const e164 = fresh();
    expect((await createNumber(req("/api/v1/phone-numbers", a.auth, { method: "POST", body: { phone_number: e164 } }))).status).toBe(201);
    const res = await createNumber(req("/api/v1/phone-numbers", b.auth, { method: "POST", body: { phone_number: e164 } }));
    expect(res.status).toBe(409);
    const error = ((await res.json()) as ErrorBody).error;
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`number_unavailable: ${e164} is not available`);
    expect(error.details).toEqual([{ field: "phone_number", message: `${e164} is not available (number_unavailable)` }]);
  });

  it("answers 422 naming phone_number where no number provider is configured", async () => {
    const { auth } = await tenantWithKey();
    vi.stubEnv("NUMBER_PROVIDER", "");
    try {
      const res = await createNumber(req("/api/v1/phone-numbers", auth, { method: "POST", body: { phone_number: fresh() } }));
      expect(res.status).toBe(422);
      expect(((await res.json()) as ErrorBody).error.details).toEqual([{ field: "phone_number", message: expect.stringContaining("platform staff") as unknown }]);
    } finally {
      vi.stubEnv("NUMBER_PROVIDER", "twilio");
    }
  });

  it("GET /api/v1/available-phone-numbers lists what the provider sells, 400 naming a bad parameter", async () => {
    const { auth } = await tenantWithKey();
    const res = await searchAvailable(req("/api/v1/available-phone-numbers?area_code=212&limit=3", auth));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { provider: string; data: { phone_number: string; country: string }[] };
    expect(body.provider).toBe("twilio");
    expect(body.data).toHaveLength(3);
    expect(body.data[0]!.phone_number).toMatch(/^\+1212555\d{4}$/);
    const bad = await searchAvailable(req("/api/v1/available-phone-numbers?area_code=abc", auth));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details).toEqual([{ field: "area_code", message: expect.any(String) as unknown }]);
  });

  it("needs numbers:write", async () => {
    const { auth } = await tenantWithKey(["numbers:read"]);
    const res = await createNumber(req("/api/v1/phone-numbers", auth, { method: "POST", body: { phone_number: fresh() } }));
    expect(res.status).toBe(403);
  });
});

describe("GET, POST (update) and DELETE /api/v1/phone-numbers/{numberId}", () => {
  it("lists with search, retrieves, updates only given fields, and releases", async () => {
    const { auth, tenant } = await tenantWithKey();
    const e164 = fresh();
    const flowId = `flow_${tenant.id}`;
    await db.flow.create({ data: { id: flowId, tenantId: tenant.id, name: "Main", draft: { nodes: [], edges: [] } } });
    // Another tenant's flow (or one that does not exist) is refused, naming the field.
    const foreign = await createNumber(req("/api/v1/phone-numbers", auth, { method: "POST", body: { phone_number: fresh(), voice_flow_id: "flow_nobody" } }));
    expect(foreign.status).toBe(422);
    expect(JSON.stringify(await foreign.json())).toContain("voice_flow_id");
    const created = (await (await createNumber(req("/api/v1/phone-numbers", auth, { method: "POST", body: { phone_number: e164, voice_flow_id: flowId, friendly_name: "Sales" } }))).json()) as { id: string };
    await createNumber(req("/api/v1/phone-numbers", auth, { method: "POST", body: { phone_number: fresh() } }));

    const list = (await (await listNumbers(req("/api/v1/phone-numbers?search=sales", auth))).json()) as { data: { id: string }[]; has_more: boolean };
    expect(list.data.map((n) => n.id)).toEqual([created.id]);
    const all = (await (await listNumbers(req("/api/v1/phone-numbers?limit=1", auth))).json()) as { data: unknown[]; has_more: boolean };
    expect(all).toMatchObject({ has_more: true });

    expect((await getNumber(req(`/api/v1/phone-numbers/${created.id}`, auth), params(created.id))).status).toBe(200);

    const updated = await updateNumber(req(`/api/v1/phone-numbers/${created.id}`, auth, { method: "POST", body: { voice_url: "https://example.com/voice", status_callback_url: "https://example.com/s" } }), params(created.id));
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ voice_url: "https://example.com/voice", voice_flow_id: null, status_callback_url: "https://example.com/s", friendly_name: "Sales" });

    const bad = await updateNumber(req(`/api/v1/phone-numbers/${created.id}`, auth, { method: "POST", body: { sms_url: "nope" } }), params(created.id));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details?.map((d) => d.field)).toEqual(["sms_url"]);

    const released = await releaseNumber(req(`/api/v1/phone-numbers/${created.id}`, auth, { method: "DELETE" }), params(created.id));
    expect(await released.json()).toEqual({ id: created.id, phone_number: e164, deleted: true });
    expect((await getNumber(req(`/api/v1/phone-numbers/${created.id}`, auth), params(created.id))).status).toBe(404);
  });

  it("answers 404 for another account's number and changes nothing", async () => {
    const a = await tenantWithKey();
    const b = await tenantWithKey();
    const created = (await (await createNumber(req("/api/v1/phone-numbers", a.auth, { method: "POST", body: { phone_number: fresh() } }))).json()) as { id: string };
    expect((await getNumber(req(`/api/v1/phone-numbers/${created.id}`, b.auth), params(created.id))).status).toBe(404);
    expect((await updateNumber(req(`/api/v1/phone-numbers/${created.id}`, b.auth, { method: "POST", body: { friendly_name: "x" } }), params(created.id))).status).toBe(404);
    expect((await releaseNumber(req(`/api/v1/phone-numbers/${created.id}`, b.auth, { method: "DELETE" }), params(created.id))).status).toBe(404);
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ friendlyName: "" });
  });
});
