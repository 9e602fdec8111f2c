// /api/v1/calls through the App Router handlers: validation naming fields, credit, scopes, idempotent placing,
// listing, retrieving, ending, the timeline, and another account's calls reading as not found.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createVoiceTenant } from "@/test/call-fixtures";
import { GET as listCalls, POST as createCall } from "@/app/api/v1/calls/route";
import { GET as getCall, POST as updateCall } from "@/app/api/v1/calls/[callId]/route";
import { GET as listEvents } from "@/app/api/v1/calls/[callId]/events/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";

const BASE = "http://localhost:3000";

async function account(opts: { scopes?: string[]; creditMicros?: bigint } = {}) {
  const t = await createVoiceTenant({ creditMicros: opts.creditMicros });
  const key = await createApiKey(t.actor, { name: "calls", scopes: (opts.scopes ?? ["*"]) as never });
  return { ...t, auth: `Bearer ${key.bearerToken}` };
}

function req(url: string, init: { method?: string; auth: string; body?: object; headers?: Record<string, string> }) {
  return new Request(`${BASE}${url}`, {
    method: init.method ?? "GET",
    headers: { authorization: init.auth, ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}
const params = (callId: string) => ({ params: Promise.resolve({ callId }) });
type Json = Record<string, unknown> & { error?: { code: string; message: string; details: { field: string; message: string }[] } };
const json = async (r: Response) => (await r.json()) as Json;

const place = (auth: string, body: object, headers?: Record<string, string>) => createCall(req("/api/v1/calls", { method: "POST", auth, body, headers }));

describe("POST /api/v1/calls", () => {
  it("places a call: 201 with the snake_case call resource", async () => {
    const { auth, number, tenant } = await account();
    const res = await place(auth, { to: "+14155550123", from: number.e164, instructions: [{ say: "Hello" }, { hangup: true }], status_callback: "https://example.com/s", status_callback_events: ["initiated", "completed"], timeout: 20, record: true });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^CA[0-9a-f]{32}$/),
      account_id: tenant.id,
      parent_call_id: null,
      direction: "outbound-api",
      status: "queued",
      from: number.e164,
      to: "+14155550123",
      switch_id: null,
      start_time: null,
      answer_time: null,
      end_time: null,
      duration: null,
      billsec: null,
      price_micros: null,
      currency: "USD",
      record: true,
      recording_ids: [],
      end_requested: false,
    });
    const row = await db.call.findUniqueOrThrow({ where: { id: body.id as string } });
    expect(row).toMatchObject({ timeoutSeconds: 20, statusCallbackEvents: ["initiated", "completed"], apiSurface: "native" });
  });

  it("400s bad input naming the field", async () => {
    const { auth, number } = await account();
    const ok = { to: "+14155550123", from: number.e164, url: "https://example.com/answer" };
    const cases: [object, string[]][] = [
      [{ ...ok, to: "+1555123" }, ["to"]],
      [{ ...ok, to: "004155550123" }, ["to"]],
      [{ ...ok, from: "+14155550100" }, ["from"]],
      [{ ...ok, instructions: [{ say: "hi" }] }, ["url", "instructions"]],
      [{ to: ok.to, from: ok.from }, ["url"]],
      [{ ...ok, status_callback: "not a url" }, ["status_callback"]],
      [{ ...ok, status_callback_events: ["hungup"] }, ["status_callback_events.0"]],
      [{ ...ok, timeout: 601 }, ["timeout"]],
      [{ ...ok, queue_timeout: 0 }, ["queue_timeout"]],
      [{ ...ok, queue_timeout: 3601 }, ["queue_timeout"]],
      [{ ...ok, queue_timeout: 2.5 }, ["queue_timeout"]],
      [{ ...ok, queue_timeout: "30" }, ["queue_timeout"]],
      [{ ...ok, tenant_id: "tn_x" }, ["tenant_id"]],
    ];
    for (const [body, fields] of cases) {
      const res = await place(auth, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json(res)).error!.details.map((d) => d.field).sort(), JSON.stringify(body)).toEqual(fields.sort());
    }
    expect(await db.call.count({ where: { from: number.e164 } })).toBe(0);
  });

  it("402s INSUFFICIENT_CREDIT without credit", async () => {
    const { auth, number } = await account({ creditMicros: 0n });
    const res = await place(auth, { to: "+14155550123", from: number.e164, url: "https://example.com/a" });
    expect(res.status).toBe(402);
    expect((await json(res)).error).toMatchObject({ code: "INSUFFICIENT_CREDIT", details: { credit_balance_micros: "0" } });
  });

  it("is documented with its 402 in the OpenAPI document", async () => {
    const doc = (await (await getOpenApi(new Request(`${BASE}/api/v1/openapi.json`))).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths["/api/v1/calls"]!.post!.responses)).toEqual(expect.arrayContaining(["201", "400", "402", "409", "422"]));
    expect(Object.keys(doc.paths["/api/v1/calls/{callId}/events"]!.get!.responses)).toContain("404");
  });

  it("403s a key without calls:write, and a suspended account", async () => {
    const readOnly = await account({ scopes: ["calls:read"] });
    const res = await place(readOnly.auth, { to: "+14155550123", from: readOnly.number.e164, url: "https://example.com/a" });
    expect(res.status).toBe(403);
    expect((await json(res)).error?.message).toContain("calls:write");
    const suspended = await account();
    await db.tenant.update({ where: { id: suspended.tenant.id }, data: { status: "SUSPENDED", suspendedReason: "unpaid" } });
    const r2 = await place(suspended.auth, { to: "+14155550123", from: suspended.number.e164, url: "https://example.com/a" });
    expect(r2.status).toBe(403);
    expect((await json(r2)).error?.code).toBe("TENANT_SUSPENDED");
  });

  it("is idempotent: the same key returns the same call and places no second one; another body 422s", async () => {
    const { auth, number, tenant } = await account();
    const body = { to: "+14155550123", from: number.e164, url: "https://example.com/a" };
    const first = await place(auth, body, { "idempotency-key": "call-1" });
    expect(first.status).toBe(201);
    const firstBody = await json(first);
    // The stored response was written by the call's own transaction, and is exactly what the client got.
    const record = await db.idempotencyRecord.findFirstOrThrow({ where: { tenantId: tenant.id, key: "call-1" } });
    expect(record).toMatchObject({ state: "COMPLETED", responseStatus: 201 });
    expect(JSON.parse(record.responseBody!)).toEqual(firstBody);

    const replay = await place(auth, { url: body.url, from: body.from, to: body.to }, { "idempotency-key": "call-1" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await json(replay)).toEqual(firstBody);
    expect(await db.call.count({ where: { tenantId: tenant.id } })).toBe(1);

    const reused = await place(auth, { ...body, to: "+14155550124" }, { "idempotency-key": "call-1" });
    expect(reused.status).toBe(422);
    expect((await json(reused)).error?.code).toBe("IDEMPOTENCY_KEY_REUSED");

    const racing = await Promise.all(Array.from({ length: 4 }, () => place(auth, body, { "idempotency-key": "call-2" })));
    for (const r of racing) expect([201, 409]).toContain(r.status);
    expect(await db.call.count({ where: { tenantId: tenant.id } })).toBe(2);
  });

  it("queue_timeout sets how long the call may wait queued, with or without an Idempotency-Key; the account's limit otherwise", async () => {
    const { auth, number } = await account();
    const body = { to: "+14155550123", from: number.e164, url: "https://example.com/a" };
    const waits = async (res: Response) => {
      expect(res.status).toBe(201);
      const row = await db.call.findUniqueOrThrow({ where: { id: (await json(res)).id as string } });
      return (row.queueExpiresAt!.getTime() - row.queuedAt.getTime()) / 1000;
    };
    expect(await waits(await place(auth, { ...body, queue_timeout: 30 }))).toBe(30);
    expect(await waits(await place(auth, { ...body, queue_timeout: 3600 }, { "idempotency-key": "queue-1" }))).toBe(3600);
    expect(await waits(await place(auth, body, { "idempotency-key": "queue-2" }))).toBe(60);
    expect(await waits(await place(auth, body))).toBe(60);
  });

  it("documents queue_timeout in the OpenAPI document", async () => {
    const doc = (await (await getOpenApi(new Request(`${BASE}/api/v1/openapi.json`))).json()) as {
      paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, { minimum?: number; maximum?: number; description?: string }> } }> } }>>;
    };
    const property = doc.paths["/api/v1/calls"]!.post!.requestBody.content["application/json"]!.schema.properties.queue_timeout!;
    expect(property).toMatchObject({ minimum: 1, maximum: 3600 });
    expect(property.description).toContain("QUEUE_TIMEOUT");
  });

  it("releases the key when placing fails, so a corrected retry goes through", async () => {
    const { auth, number } = await account();
    const bad = await place(auth, { to: "+14155550123", from: "+14155550100", url: "https://example.com/a" }, { "idempotency-key": "fix-me" });
    expect(bad.status).toBe(400);
    const good = await place(auth, { to: "+14155550123", from: "+14155550100", url: "https://example.com/a" }, { "idempotency-key": "fix-me" });
    expect(good.status).toBe(400);
    const other = await place(auth, { to: "+14155550123", from: number.e164, url: "https://example.com/a" }, { "idempotency-key": "fix-me" });
    expect(other.status).toBe(201);
  });
});

describe("GET /api/v1/calls, GET and POST /api/v1/calls/{callId}, GET …/events", () => {
  it("lists with filters and paging, retrieves, ends, and shows the timeline", async () => {
    const { auth, number } = await account();
    const a = await json(await place(auth, { to: "+14155550123", from: number.e164, url: "https://example.com/a" }));
    const b = await json(await place(auth, { to: "+14155550124", from: number.e164, url: "https://example.com/a" }));

    const page1 = await json(await listCalls(req("/api/v1/calls?limit=1", { auth })));
    expect(page1).toMatchObject({ has_more: true, next_starting_after: b.id });
    expect((page1.data as { id: string }[]).map((c) => c.id)).toEqual([b.id]);
    const page2 = await json(await listCalls(req(`/api/v1/calls?limit=1&starting_after=${b.id as string}`, { auth })));
    expect((page2.data as { id: string }[]).map((c) => c.id)).toEqual([a.id]);
    const byNumber = await json(await listCalls(req("/api/v1/calls?number=%2B14155550124&status=queued&direction=outbound-api", { auth })));
    expect((byNumber.data as { id: string }[]).map((c) => c.id)).toEqual([b.id]);
    const bad = await listCalls(req("/api/v1/calls?status=hungup", { auth }));
    expect(bad.status).toBe(400);

    expect(await json(await getCall(req(`/api/v1/calls/${a.id as string}`, { auth }), params(a.id as string)))).toEqual(a);
    const ended = await updateCall(req(`/api/v1/calls/${a.id as string}`, { method: "POST", auth, body: { status: "canceled" } }), params(a.id as string));
    expect(ended.status).toBe(200);
    expect(await json(ended)).toMatchObject({ id: a.id, status: "canceled", billsec: 0, price_micros: "0", end_time: expect.any(String) });
    const badStatus = await updateCall(req(`/api/v1/calls/${b.id as string}`, { method: "POST", auth, body: { status: "ringing" } }), params(b.id as string));
    expect(badStatus.status).toBe(400);

    const events = await json(await listEvents(req(`/api/v1/calls/${a.id as string}/events`, { auth }), params(a.id as string)));
    expect((events.data as { sequence: number; type: string; status: string | null }[]).map((e) => [e.sequence, e.type, e.status])).toEqual([
      [1, "queued", "queued"],
      [2, "completed", "canceled"],
    ]);
  });

  it("404s another account's call on every route, and a malformed id alike", async () => {
    const owner = await account();
    const call = await json(await place(owner.auth, { to: "+14155550123", from: owner.number.e164, url: "https://example.com/a" }));
    const id = call.id as string;
    const stranger = await account();
    for (const res of [
      await getCall(req(`/api/v1/calls/${id}`, { auth: stranger.auth }), params(id)),
      await updateCall(req(`/api/v1/calls/${id}`, { method: "POST", auth: stranger.auth, body: { status: "canceled" } }), params(id)),
      await listEvents(req(`/api/v1/calls/${id}/events`, { auth: stranger.auth }), params(id)),
      await getCall(req("/api/v1/calls/CAnope", { auth: stranger.auth }), params("CAnope")),
    ]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(await res.json())).not.toContain(id);
    }
    expect((await db.call.findUniqueOrThrow({ where: { id } })).status).toBe("QUEUED");
    const list = await listCalls(req(`/api/v1/calls?starting_after=${id}`, { auth: stranger.auth }));
    expect(list.status).toBe(400);
  });
});
