import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/env";
import { getTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { claimDueCallbacks, failAbandonedCallbacks } from "@/server/calls/callbacks/claim-due-callbacks";
import { deliverCallback } from "@/server/calls/callbacks/deliver-callback";
import { signTwilioRequest } from "@/server/calls/callbacks/sign-twilio-request";
import { sendDueCallbacks, startCallbackSender } from "@/server/calls/callbacks/send-due-callbacks";
import { db } from "@/server/db";
import { newId, newSid } from "@/server/shared/ids";
import { verifyWebhookSignature } from "@/server/webhooks/verify-webhook-signature";
import { createTestTenant } from "@/test/factories";
import { startWebhookReceiver, type ReceivedWebhook } from "@/test/webhook-receiver";

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
let receivers: Receiver[] = [];

beforeEach(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  // The sender works across tenants: leftovers of another test would be due in this one.
  await db.callbackDelivery.deleteMany({});
});
afterEach(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = [];
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

async function receiver(reply: Parameters<typeof startWebhookReceiver>[0] = () => ({ status: 204 })) {
  const r = await startWebhookReceiver(reply);
  receivers.push(r);
  return r;
}

async function tenantWithCall() {
  const { tenant } = await createTestTenant();
  return { tenant, callId: await newCall(tenant.id), authToken: await getTenantAuthToken(tenant.id) };
}

async function newCall(tenantId: string): Promise<string> {
  const id = newSid("CA");
  await db.call.create({ data: { id, tenantId, direction: "OUTBOUND_API", from: "+14155550100", to: "+14155550123", apiSurface: "twilio" } });
  return id;
}

function twilioParams(callId: string, accountSid: string, status: string, sequence: number): Record<string, string> {
  return {
    CallSid: callId,
    AccountSid: accountSid,
    From: "+14155550100",
    To: "+14155550123",
    CallStatus: status,
    Direction: "outbound-api",
    ApiVersion: "2010-04-01",
    SequenceNumber: String(sequence),
    Timestamp: new Date().toUTCString().replace("GMT", "+0000"),
    CallbackSource: "call-progress-events",
  };
}

async function enqueue(opts: { tenantId: string; callId: string; url: string; sequence: number; params: object; format?: string; method?: string }) {
  const id = newId("cbd");
  await db.callbackDelivery.create({
    data: { id, tenantId: opts.tenantId, callId: opts.callId, url: opts.url, method: opts.method ?? "POST", format: opts.format ?? "twilio", sequence: opts.sequence, params: opts.params },
  });
  return id;
}

const later = (ms: number) => new Date(Date.now() + ms);
const formOf = (r: ReceivedWebhook) => Object.fromEntries(new URLSearchParams(r.body));

describe("status callback sender", () => {
  it("POSTs Twilio callbacks form-encoded with a signature twilio.validateRequest accepts", async () => {
    const { tenant, callId, authToken } = await tenantWithCall();
    const r = await receiver();
    const url = r.url("/status?tenant=acme&x=a%20b");
    const params = twilioParams(callId, tenant.accountSid, "initiated", 0);
    const id = await enqueue({ tenantId: tenant.id, callId, url, sequence: 0, params });

    expect(await sendDueCallbacks({ now: later(1) })).toEqual({ succeeded: 1, retrying: 0, failed: 0 });
    expect(r.received).toHaveLength(1);
    const got = r.received[0]!;
    expect(got.method).toBe("POST");
    expect(got.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(got.headers["user-agent"]).toBe("IRISX/1.0");
    expect(got.headers["i-twilio-idempotency-token"]).toBe(id);
    expect(formOf(got)).toEqual(params);
    const signature = String(got.headers["x-twilio-signature"]);
    expect(twilio.validateRequest(authToken, signature, url, formOf(got))).toBe(true);
    expect(twilio.validateRequest("0".repeat(32), signature, url, formOf(got))).toBe(false);
    const row = await db.callbackDelivery.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "SUCCEEDED", attempts: 1, responseStatus: 204, lastError: null });
    expect(row.deliveredAt).not.toBeNull();
  });

  it("sends GET callbacks with the parameters in the query, signed over the full URL", async () => {
    const { tenant, callId, authToken } = await tenantWithCall();
    const r = await receiver();
    const params = twilioParams(callId, tenant.accountSid, "completed", 3);
    await enqueue({ tenantId: tenant.id, callId, url: r.url("/cb?src=irisx"), sequence: 3, params, method: "GET" });

    await sendDueCallbacks({ now: later(1) });
    const got = r.received[0]!;
    expect(got.method).toBe("GET");
    expect(got.body).toBe("");
    const fullUrl = `http://127.0.0.1:${r.port}${got.url}`;
    expect(Object.fromEntries(new URL(fullUrl).searchParams)).toEqual({ src: "irisx", ...params });
    expect(twilio.validateRequest(authToken, String(got.headers["x-twilio-signature"]), fullUrl, {})).toBe(true);
  });

  it("signs like twilio-node for repeated parameters too", () => {
    const params = { To: "+1", StatusCallbackEvent: ["ringing", "answered", "ringing"] };
    expect(twilio.validateRequest("secret", signTwilioRequest("secret", "https://x.example/a", params), "https://x.example/a", params)).toBe(true);
  });

  it("POSTs native callbacks as JSON with an IRISX-Signature keyed by the auth token", async () => {
    const { tenant, callId, authToken } = await tenantWithCall();
    const r = await receiver();
    const params = { type: "call.completed", data: { id: callId, status: "completed", duration: 7 } };
    await enqueue({ tenantId: tenant.id, callId, url: r.url("/native"), sequence: 1, params, format: "native", method: "GET" });

    await sendDueCallbacks({ now: later(1) });
    const got = r.received[0]!;
    expect(got.method).toBe("POST");
    expect(got.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(got.body)).toEqual(params);
    expect(verifyWebhookSignature({ payload: got.body, header: String(got.headers["irisx-signature"]), secret: authToken }).ok).toBe(true);
    expect(verifyWebhookSignature({ payload: got.body, header: String(got.headers["irisx-signature"]), secret: "wrong" }).ok).toBe(false);
  });

  it("retries once after the delay with the same idempotency token, then gives up with the last error", async () => {
    const { tenant, callId } = await tenantWithCall();
    const r = await receiver(() => ({ status: 503, body: "busy" }));
    const id = await enqueue({ tenantId: tenant.id, callId, url: r.url(), sequence: 0, params: twilioParams(callId, tenant.accountSid, "initiated", 0) });

    expect(await sendDueCallbacks({ now: later(1), retryDelayMs: 60_000 })).toEqual({ succeeded: 0, retrying: 1, failed: 0 });
    const waiting = await db.callbackDelivery.findUniqueOrThrow({ where: { id } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1, responseStatus: 503 });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    // Not due yet: nothing is sent.
    expect(await sendDueCallbacks({ now: later(1_000) })).toEqual({ succeeded: 0, retrying: 0, failed: 0 });

    expect(await sendDueCallbacks({ now: later(61_000) })).toEqual({ succeeded: 0, retrying: 0, failed: 1 });
    expect(r.received).toHaveLength(2);
    expect(r.received[1]!.headers["i-twilio-idempotency-token"]).toBe(r.received[0]!.headers["i-twilio-idempotency-token"]);
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", attempts: 2, responseStatus: 503, lastError: expect.stringContaining("HTTP 503") });
    expect(await sendDueCallbacks({ now: later(3_600_000) })).toEqual({ succeeded: 0, retrying: 0, failed: 0 });
    expect(r.received).toHaveLength(2);
  });

  it("times out a receiver that never answers and records why", async () => {
    const { tenant, callId } = await tenantWithCall();
    const r = await receiver(() => "hang");
    const id = await enqueue({ tenantId: tenant.id, callId, url: r.url(), sequence: 0, params: { CallSid: callId } });
    await sendDueCallbacks({ now: later(1), connectTimeoutMs: 100, readTimeoutMs: 200 });
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING", attempts: 1, responseStatus: null, lastError: expect.stringContaining("timed out") });
  });

  it("refuses private addresses unless WEBHOOK_ALLOW_PRIVATE_HOSTS lists them", async () => {
    env.WEBHOOK_ALLOW_PRIVATE_HOSTS = [];
    const { tenant, callId } = await tenantWithCall();
    const r = await receiver();
    const id = await enqueue({ tenantId: tenant.id, callId, url: r.url(), sequence: 0, params: { CallSid: callId } });
    await sendDueCallbacks({ now: later(1), retryDelayMs: 0 });
    await sendDueCallbacks({ now: later(1_000) });
    expect(r.connections()).toBe(0);
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", lastError: expect.stringContaining("refused") });
  });

  it("never sends a call's next callback before the previous one is done, retries included", async () => {
    const { tenant, callId } = await tenantWithCall();
    let failFirst = true;
    const r = await receiver((req) => {
      if (formOf(req).SequenceNumber === "1" && failFirst) {
        failFirst = false;
        return { status: 500 };
      }
      return { status: 200 };
    });
    for (const [sequence, status] of [[1, "initiated"], [2, "ringing"], [3, "in-progress"], [4, "completed"]] as const) {
      await enqueue({ tenantId: tenant.id, callId, url: r.url(), sequence, params: twilioParams(callId, tenant.accountSid, status, sequence) });
    }
    expect(await sendDueCallbacks({ now: later(1), retryDelayMs: 30_000 })).toEqual({ succeeded: 0, retrying: 1, failed: 0 });
    expect(r.received.map((q) => formOf(q).SequenceNumber)).toEqual(["1"]);

    expect(await sendDueCallbacks({ now: later(31_000) })).toEqual({ succeeded: 4, retrying: 0, failed: 0 });
    expect(r.received.map((q) => formOf(q).SequenceNumber)).toEqual(["1", "1", "2", "3", "4"]);
  });

  it("moves on to the next callback once one has failed for good", async () => {
    const { tenant, callId } = await tenantWithCall();
    const r = await receiver((req) => ({ status: formOf(req).SequenceNumber === "1" ? 500 : 200 }));
    await enqueue({ tenantId: tenant.id, callId, url: r.url(), sequence: 1, params: twilioParams(callId, tenant.accountSid, "initiated", 1) });
    await enqueue({ tenantId: tenant.id, callId, url: r.url(), sequence: 2, params: twilioParams(callId, tenant.accountSid, "completed", 2) });
    await sendDueCallbacks({ now: later(1), retryDelayMs: 0 });
    expect(await sendDueCallbacks({ now: later(1_000) })).toEqual({ succeeded: 1, retrying: 0, failed: 1 });
    expect(r.received.map((q) => formOf(q).SequenceNumber)).toEqual(["1", "1", "2"]);
  });

  it("keeps sending other calls' callbacks while one receiver is slow", async () => {
    const { tenant } = await createTestTenant();
    const r = await receiver((req) => (req.url === "/slow" ? "hang" : { status: 200 }));
    const slowCall = await newCall(tenant.id);
    const fastCall = await newCall(tenant.id);
    const slow = await enqueue({ tenantId: tenant.id, callId: slowCall, url: r.url("/slow"), sequence: 0, params: { CallSid: slowCall } });
    for (const sequence of [0, 1, 2]) await enqueue({ tenantId: tenant.id, callId: fastCall, url: r.url("/fast"), sequence, params: { CallSid: fastCall } });

    const run = sendDueCallbacks({ now: later(1), concurrency: 2, readTimeoutMs: 60_000 });
    for (let i = 0; i < 500 && r.received.filter((q) => q.url === "/fast").length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    // All three of the other call went out one after another on the second slot while the slow one still hangs.
    expect(r.received.filter((q) => q.url === "/fast")).toHaveLength(3);
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id: slow } })).toMatchObject({ status: "PENDING", attempts: 1, lastError: null });
    await r.close();
    expect(await run).toEqual({ succeeded: 3, retrying: 1, failed: 0 });
  });

  it("two senders at once send every callback exactly once and in order per call", async () => {
    const { tenant } = await createTestTenant();
    const r = await receiver(() => ({ status: 200 }));
    const calls = await Promise.all(Array.from({ length: 12 }, () => newCall(tenant.id)));
    for (const callId of calls) {
      for (const sequence of [0, 1, 2, 3]) {
        await enqueue({ tenantId: tenant.id, callId, url: r.url(`/${callId}`), sequence, params: twilioParams(callId, tenant.accountSid, "ringing", sequence) });
      }
    }
    const now = later(1);
    const [a, b] = await Promise.all([sendDueCallbacks({ now, limit: 100 }), sendDueCallbacks({ now, limit: 100 })]);
    expect(a.succeeded + b.succeeded).toBe(48);
    expect(r.received).toHaveLength(48);
    expect(new Set(r.received.map((q) => q.headers["i-twilio-idempotency-token"])).size).toBe(48);
    for (const callId of calls) {
      const order = r.received.filter((q) => q.url === `/${callId}`).map((q) => formOf(q).SequenceNumber);
      expect(order, callId).toEqual(["0", "1", "2", "3"]);
    }
    expect(await db.callbackDelivery.count({ where: { tenantId: tenant.id, status: { not: "SUCCEEDED" } } })).toBe(0);
  });

  it("leases a claim: nobody else takes it until the lease runs out, and the overtaken sender's outcome is ignored", async () => {
    const { tenant, callId } = await tenantWithCall();
    const r = await receiver();
    const id = await enqueue({ tenantId: tenant.id, callId, url: r.url(), sequence: 0, params: { CallSid: callId } });
    const now = later(1);
    const [first] = await claimDueCallbacks({ limit: 10, now, leaseMs: 60_000 });
    expect(first).toMatchObject({ id, attempts: 1 });
    expect(await claimDueCallbacks({ limit: 10, now: later(59_000), leaseMs: 60_000 })).toEqual([]);

    // The first sender went quiet; after the lease another one claims the last attempt.
    const [second] = await claimDueCallbacks({ limit: 10, now: later(61_000), leaseMs: 60_000 });
    expect(second).toMatchObject({ id, attempts: 2 });
    await deliverCallback(second!);
    await deliverCallback(first!);
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
  });

  it("gives up on a last attempt whose sender vanished, so later callbacks of the call are not held back", async () => {
    const { tenant, callId } = await tenantWithCall();
    const r = await receiver();
    const stuck = await enqueue({ tenantId: tenant.id, callId, url: r.url(), sequence: 0, params: { CallSid: callId } });
    await enqueue({ tenantId: tenant.id, callId, url: r.url(), sequence: 1, params: { CallSid: callId, SequenceNumber: "1" } });
    await db.callbackDelivery.update({ where: { id: stuck }, data: { attempts: 2, nextAttemptAt: new Date(Date.now() - 1_000) } });
    expect(await failAbandonedCallbacks(new Date())).toBe(1);
    expect(await sendDueCallbacks({ now: later(1) })).toEqual({ succeeded: 1, retrying: 0, failed: 0 });
    expect(r.received.map((q) => formOf(q).SequenceNumber)).toEqual(["1"]);
  });

  it("startCallbackSender sends when woken and stops on abort", async () => {
    const { tenant, callId } = await tenantWithCall();
    const r = await receiver();
    const controller = new AbortController();
    const sender = startCallbackSender({ signal: controller.signal, idleMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await enqueue({ tenantId: tenant.id, callId, url: r.url(), sequence: 0, params: { CallSid: callId } });
    sender.wake();
    for (let i = 0; i < 500 && r.received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.received).toHaveLength(1);
    controller.abort();
    await sender.stopped;
  });
});
