// Messaging end to end against real PostgreSQL and the providers' stand-ins: the API accepts (validation naming
// fields, credit, idempotency), the sender hands messages over in each provider's documented format (retrying 429/5xx,
// never twice), status callbacks and inbound webhooks are verified (unsigned, bad and stale ones refused) and a
// replay is processed once, the opt-out keywords round-trip, and a number's SMS handler answers with TwiML <Message>.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "@/env";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { getTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { verifyTwilioSignature } from "@/server/messages/providers/verify-provider-signatures";
import { sendDueCallbacks } from "@/server/calls/callbacks/send-due-callbacks";
import { db } from "@/server/db";
import { newId, newSid } from "@/server/shared/ids";
import { receiveProviderWebhook } from "@/server/messages/receive-provider-webhook";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { setMessagingCredential } from "@/server/messages/set-messaging-credential";
import { createTestTenant, testTenantIds } from "@/test/factories";
import {
  startTelnyxMessagingStandIn,
  startTwilioMessagingStandIn,
  telnyxWebhook,
  twilioInboundMessage,
  twilioStatusCallback,
  type MessagingStandIn,
  type TelnyxStandIn,
} from "@/test/messaging-provider-stand-ins";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { waitFor } from "@/test/wait-for";
import { createMessageRoute, listMessagesRoute } from "@/server/api/v1/messages";

const createMessagePost = createMessageRoute.handle;
const listMessagesGet = listMessagesRoute.handle;

const BASE = "http://localhost:3000";
const PLATFORM_SID = `AC${"1".repeat(32)}`;
const PLATFORM_TOKEN = "platform-auth-token";
const TELNYX_KEY = "KEYtelnyx-platform";
let twilio: MessagingStandIn;
let telnyx: TelnyxStandIn;
let numberSeq = 1000;

beforeAll(async () => {
  twilio = await startTwilioMessagingStandIn({ accountSid: PLATFORM_SID, authToken: PLATFORM_TOKEN });
  telnyx = await startTelnyxMessagingStandIn({ apiKey: TELNYX_KEY });
  vi.stubEnv("MESSAGING_PROVIDER", "twilio");
  vi.stubEnv("TWILIO_ACCOUNT_SID", PLATFORM_SID);
  vi.stubEnv("TWILIO_AUTH_TOKEN", PLATFORM_TOKEN);
  vi.stubEnv("TWILIO_API_BASE_URL", twilio.url);
  vi.stubEnv("TELNYX_API_KEY", TELNYX_KEY);
  vi.stubEnv("TELNYX_API_BASE_URL", telnyx.url);
  vi.stubEnv("TELNYX_PUBLIC_KEY", telnyx.publicKey);
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await twilio.close();
  await telnyx.close();
});
beforeEach(() => {
  twilio.failNext(0, 500);
  telnyx.failNext(0, 500);
});

async function account(opts: { provider?: "twilio" | "telnyx"; creditMicros?: bigint; smsUrl?: string; segmentsPerSecond?: number | null } = {}) {
  const t = await createTestTenant();
  if (opts.creditMicros !== undefined) await db.tenant.update({ where: { id: t.tenant.id }, data: { creditMicros: opts.creditMicros } });
  const e164 = `+1415555${String(numberSeq++).padStart(4, "0")}`;
  await db.phoneNumber.create({
    data: { id: newSid("PN"), tenantId: t.tenant.id, e164, origin: "PROVISIONED", provider: opts.provider ?? null, providerNumberId: "x", smsEnabled: true, mmsEnabled: true, smsUrl: opts.smsUrl ?? null,
      // Most tests are not about pacing: a sender fast enough that a pass sends everything due.
      messagingSegmentsPerSecond: opts.segmentsPerSecond === undefined ? 100 : opts.segmentsPerSecond },
  });
  const key = await createApiKey(t.actor, { name: "messages", scopes: ["*"] as never });
  // An endpoint subscribed to everything: message.* events are written only for tenants that listen.
  await db.webhookEndpoint.create({ data: { id: newId("we"), tenantId: t.tenant.id, url: "https://hooks.example.com/irisx", eventTypes: ["*"], secretCiphertext: "sealed" } });
  return { ...t, number: e164, auth: `Bearer ${key.bearerToken}` };
}

type Json = Record<string, unknown> & { error?: { code: string; message: string; details: Record<string, unknown> } };
async function send(auth: string, body: object, headers: Record<string, string> = {}) {
  const res = await createMessagePost(new Request(`${BASE}/api/v1/messages`, { method: "POST", headers: { authorization: auth, "content-type": "application/json", ...headers }, body: JSON.stringify(body) }));
  return { status: res.status, json: (await res.json()) as Json, headers: res.headers };
}
const sender = () => runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
const message = (id: string) => db.message.findUniqueOrThrow({ where: { id } });

describe("POST /api/v1/messages", () => {
  it("queues a message with its segments, encoding and price; 400s name the field", async () => {
    const a = await account();
    const ok = await send(a.auth, { to: "+14155550123", from: a.number, body: "Привет! ".repeat(10) });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ status: "queued", channel: "sms", direction: "outbound", encoding: "UCS-2", num_segments: 2, price_micros: "15800", currency: "USD" });

    const notOurs = await send(a.auth, { to: "+14155550123", from: "+14155559999", body: "hi" });
    expect(notOurs.status).toBe(400);
    expect(notOurs.json.error!.message).toMatch(/^from: /);
    const badTo = await send(a.auth, { to: "0123", from: a.number, body: "hi" });
    expect(badTo.status).toBe(400);
    expect(JSON.stringify(badTo.json.error)).toContain("to");
    const empty = await send(a.auth, { to: "+14155550123", from: a.number });
    expect(empty.status).toBe(400);
    expect(empty.json.error!.message).toMatch(/body/);
    // Every channel sends now; a phone number is no Teams bot.
    const teams = await send(a.auth, { channel: "teams", to: "a:1conversation", from: a.number, body: "hi" });
    expect(teams.status).toBe(400);
    expect(teams.json.error!.message).toMatch(/\bfrom: the Microsoft App ID/);
  });

  it("refuses with 402 when the credit does not cover the message", async () => {
    const a = await account({ creditMicros: 5_000n });
    const r = await send(a.auth, { to: "+14155550123", from: a.number, body: "hi" });
    expect(r.status).toBe(402);
    expect(r.json.error!.code).toBe("INSUFFICIENT_CREDIT");
    expect(await db.message.count({ where: { tenantId: a.tenant.id } })).toBe(0);
  });

  it("answers a retry with the same Idempotency-Key with the same message and sends it once", async () => {
    const a = await account();
    const first = await send(a.auth, { to: "+14155550124", from: a.number, body: "once" }, { "idempotency-key": "k-1" });
    const again = await send(a.auth, { to: "+14155550124", from: a.number, body: "once" }, { "idempotency-key": "k-1" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.id).toBe(first.json.id);
    await sender();
    expect(twilio.messages.filter((m) => m.body === "once" && m.from === a.number)).toHaveLength(1);
  });

  it("lists with filters and cursor paging", async () => {
    const a = await account();
    for (let i = 0; i < 3; i++) await send(a.auth, { to: `+1415555020${i}`, from: a.number, body: `n${i}` });
    const list = async (q: string) => (await (await listMessagesGet(new Request(`${BASE}/api/v1/messages?${q}`, { headers: { authorization: a.auth } }))).json()) as { data: { id: string; to: string }[]; has_more: boolean; next_starting_after: string | null };
    const page1 = await list("limit=2");
    expect(page1.data).toHaveLength(2);
    expect(page1.has_more).toBe(true);
    const page2 = await list(`limit=2&starting_after=${page1.next_starting_after}`);
    expect(page2.data.map((m) => m.to)).toEqual(["+14155550200"]);
    expect((await list("to=%2B14155550201")).data).toHaveLength(1);
    expect((await list("status=delivered")).data).toHaveLength(0);
  });
});

describe("message.* events", () => {
  it("are written only for a tenant with an endpoint that subscribes to them", async () => {
    const a = await account();
    await db.webhookEndpoint.deleteMany({ where: { tenantId: a.tenant.id } });
    const r = await send(a.auth, { to: "+14155550150", from: a.number, body: "nobody listens" });
    await sender();
    expect(await message(r.json.id as string)).toMatchObject({ status: "SENT" });
    expect(await db.webhookEvent.count({ where: { tenantId: a.tenant.id, type: { startsWith: "message." } } })).toBe(0);
    await db.webhookEndpoint.create({ data: { id: newId("we"), tenantId: a.tenant.id, url: "https://hooks.example.com/m", eventTypes: ["message.sent"], secretCiphertext: "sealed" } });
    await send(a.auth, { to: "+14155550151", from: a.number, body: "now one does" });
    await sender();
    expect(await db.webhookEvent.count({ where: { tenantId: a.tenant.id, type: "message.sent" } })).toBe(1);
  });
});

describe("the sender with Twilio", () => {
  it("sends in Twilio's format, debits the credit per segment with a ledger entry, and the signed status callback delivers it", async () => {
    const receiver = await startWebhookReceiver(() => ({ status: 204 }));
    const a = await account();
    const r = await send(a.auth, { to: "+14155550125", from: a.number, body: "a".repeat(200), status_callback: receiver.url("/status") });
    const before = (await db.tenant.findUniqueOrThrow({ where: { id: a.tenant.id } })).creditMicros;
    await sender();
    const sent = await message(r.json.id as string);
    expect(sent).toMatchObject({ status: "SENT", provider: "twilio", credentialSource: "platform", numSegments: 2, charged: true });
    const got = twilio.messages.find((m) => m.id === sent.providerMessageId)!;
    expect(got).toMatchObject({ from: a.number, to: "+14155550125", body: "a".repeat(200), statusCallback: `${env.APP_URL}/api/webhooks/twilio/message-status` });
    expect(twilio.malformed).toEqual([]);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: a.tenant.id } })).creditMicros).toBe(before - 15_800n);
    expect(await db.creditLedgerEntry.findFirst({ where: { tenantId: a.tenant.id, reason: { contains: sent.id } } })).toMatchObject({ amountMicros: -15_800n });

    const url = `${env.APP_URL}/api/webhooks/twilio/message-status`;
    const delivered = () => twilioStatusCallback({ url, authToken: PLATFORM_TOKEN, accountSid: PLATFORM_SID, messageSid: sent.providerMessageId!, status: "delivered", idempotencyToken: "tok-1" });
    expect((await receiveProviderWebhook("twilio-status", delivered())).status).toBe(200);
    expect((await message(sent.id)).status).toBe("DELIVERED");
    // The replay is processed once: no second event.
    expect((await receiveProviderWebhook("twilio-status", delivered())).status).toBe(200);
    expect(await db.webhookEvent.count({ where: { tenantId: a.tenant.id, type: "message.delivered" } })).toBe(1);
    expect(await db.webhookEvent.count({ where: { tenantId: a.tenant.id, type: "message.sent" } })).toBe(1);

    // The tenant's status_callback got sent and delivered, JSON, signed with the account's auth token: queued with
    // each change and sent by a callback sender (the worker's or the job engine's), in the order of the statuses.
    const queued = await db.callbackDelivery.findMany({ where: { messageId: sent.id }, orderBy: { sequence: "asc" } });
    expect(queued.map((c) => [c.sequence, c.status, c.format])).toEqual([[2, "PENDING", "native"], [3, "PENDING", "native"]]);
    await waitFor("both status callbacks", async () => (await sendDueCallbacks(), receiver.received.length >= 2), 5_000, 20);
    expect(receiver.received.map((x) => (JSON.parse(x.body) as { type: string }).type)).toEqual(["message.sent", "message.delivered"]);
    expect(receiver.received[0]!.headers["irisx-signature"]).toMatch(/^t=\d+,v1=/);
    await receiver.close();
  });

  it("refuses unsigned and badly signed status callbacks and changes nothing", async () => {
    const a = await account();
    const r = await send(a.auth, { to: "+14155550126", from: a.number, body: "x" });
    await sender();
    const sent = await message(r.json.id as string);
    const url = `${env.APP_URL}/api/webhooks/twilio/message-status`;
    const forged = twilioStatusCallback({ url, authToken: "wrong-token", accountSid: PLATFORM_SID, messageSid: sent.providerMessageId!, status: "failed" });
    expect((await receiveProviderWebhook("twilio-status", forged)).status).toBe(403);
    const unsigned = new Request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `MessageSid=${sent.providerMessageId}&MessageStatus=failed&AccountSid=${PLATFORM_SID}` });
    expect((await receiveProviderWebhook("twilio-status", unsigned)).status).toBe(403);
    expect((await message(sent.id)).status).toBe("SENT");
  });

  it("retries 429 and 5xx with backoff and sends once; a 4xx fails the message with Twilio's code and refunds it", async () => {
    const a = await account();
    const credit0 = (await db.tenant.findUniqueOrThrow({ where: { id: a.tenant.id } })).creditMicros;
    const r = await send(a.auth, { to: "+14155550127", from: a.number, body: "retry me" });
    twilio.failNext(2, 429);
    await sender();
    let m = await message(r.json.id as string);
    expect(m).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(m.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    for (let i = 0; i < 2; i++) {
      await db.message.update({ where: { id: m.id }, data: { nextAttemptAt: new Date(Date.now() - 10) } });
      await sender();
    }
    m = await message(m.id);
    expect(m).toMatchObject({ status: "SENT", attempts: 3 });
    expect(twilio.messages.filter((x) => x.body === "retry me")).toHaveLength(1);

    const bad = await send(a.auth, { to: "+14155550128", from: a.number, body: "refused" });
    twilio.failNext(1, 400);
    await sender();
    expect(await message(bad.json.id as string)).toMatchObject({ status: "FAILED", errorCode: 21211 });
    // Only the one that went out is paid for.
    expect((await db.tenant.findUniqueOrThrow({ where: { id: a.tenant.id } })).creditMicros).toBe(credit0 - 7_900n);
    expect(await db.webhookEvent.count({ where: { tenantId: a.tenant.id, type: "message.failed" } })).toBe(1);
  });

  it("never resends a message whose sender died mid-request: a lapsed claim fails with 30008", async () => {
    const a = await account();
    const r = await send(a.auth, { to: "+14155550129", from: a.number, body: "crash" });
    await db.message.update({ where: { id: r.json.id as string }, data: { status: "SENDING", attempts: 1, charged: true, leaseUntil: new Date(Date.now() - 1000), nextAttemptAt: null } });
    await sender();
    expect(await message(r.json.id as string)).toMatchObject({ status: "FAILED", errorCode: 30008 });
    expect(twilio.messages.filter((x) => x.body === "crash")).toHaveLength(0);
  });

  it("paces a long code at one segment a second", async () => {
    const a = await account({ segmentsPerSecond: null });
    for (let i = 0; i < 3; i++) await send(a.auth, { to: `+1415555030${i}`, from: a.number, body: `paced ${i}` });
    // A short pass sends the first and books the others a second apart.
    const first = await runMessageSender({ deadlineMs: 300, tenantIds: testTenantIds() });
    expect(first.sent).toBe(1);
    expect(first.deferred).toBe(2);
    const queued = await db.message.findMany({ where: { tenantId: a.tenant.id, status: "QUEUED" }, orderBy: { nextAttemptAt: "asc" } });
    // The next slots a second apart, the first at least a second after the one sent was queued (not measured from
    // now: a loaded machine may take a while to get here).
    const sent = await db.message.findFirstOrThrow({ where: { tenantId: a.tenant.id, status: "SENT" } });
    const gaps = queued.map((q) => q.nextAttemptAt!.getTime() - sent.createdAt.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(990);
    expect(gaps[1]! - gaps[0]!).toBeGreaterThanOrEqual(990);
    // A longer pass waits for those slots and sends them within it, each at its slot and never sooner.
    const rest = await sender();
    expect(rest.sent).toBe(2);
    const arrived = twilio.messages.filter((x) => x.body.startsWith("paced ")).map((x) => x.receivedAt);
    expect(arrived).toHaveLength(3);
    expect(arrived[1]! - arrived[0]!).toBeGreaterThanOrEqual(950);
    expect(arrived[2]! - arrived[1]!).toBeGreaterThanOrEqual(950);
  });
});

describe("Telnyx", () => {
  it("sends with the tenant's own Telnyx key in Telnyx's JSON format; signed events update it once; stale and bad ones are refused", async () => {
    const a = await account({ provider: "telnyx" });
    // The platform's key is another: the message must go with the tenant's own.
    vi.stubEnv("TELNYX_API_KEY", "KEY-platform-not-this-one");
    expect(await setMessagingCredential(a.actor, { provider: "telnyx", apiKey: TELNYX_KEY, publicKey: telnyx.publicKey })).toEqual({ provider: "telnyx", hint: TELNYX_KEY.slice(-4) });
    expect((await db.tenantMessagingCredential.findFirstOrThrow({ where: { tenantId: a.tenant.id } })).secretCipher).not.toContain(TELNYX_KEY);
    const r = await send(a.auth, { channel: "mms", to: "+14155550130", from: a.number, body: "pic", media_urls: ["https://example.com/a.png"] });
    await sender();
    const sent = await message(r.json.id as string);
    expect(sent).toMatchObject({ status: "SENT", provider: "telnyx", credentialSource: "tenant", channel: "MMS" });
    expect(telnyx.messages.find((m) => m.id === sent.providerMessageId)).toMatchObject({ mediaUrls: ["https://example.com/a.png"], statusCallback: `${env.APP_URL}/api/webhooks/telnyx/messages` });
    expect(telnyx.malformed).toEqual([]);
    vi.stubEnv("TELNYX_API_KEY", TELNYX_KEY);

    const url = `${env.APP_URL}/api/webhooks/telnyx/messages`;
    const payload = { id: sent.providerMessageId, from: { phone_number: a.number }, to: [{ phone_number: "+14155550130", status: "delivered" }] };
    const stale = telnyxWebhook({ url, privateKey: telnyx.privateKey, eventType: "message.finalized", payload, timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect((await receiveProviderWebhook("telnyx", stale)).status).toBe(403);
    const unsigned = telnyxWebhook({ url, privateKey: null, eventType: "message.finalized", payload });
    expect((await receiveProviderWebhook("telnyx", unsigned)).status).toBe(403);
    const tampered = telnyxWebhook({ url, privateKey: telnyx.privateKey, eventType: "message.finalized", payload });
    const forged = new Request(url, { method: "POST", headers: tampered.headers, body: (await tampered.text()).replace("delivered", "delivery_failed") });
    expect((await receiveProviderWebhook("telnyx", forged)).status).toBe(403);
    expect((await message(sent.id)).status).toBe("SENT");

    const good = () => telnyxWebhook({ url, privateKey: telnyx.privateKey, eventType: "message.finalized", eventId: "evt-telnyx-1", payload });
    expect((await receiveProviderWebhook("telnyx", good())).status).toBe(200);
    expect((await receiveProviderWebhook("telnyx", good())).status).toBe(200);
    expect(await message(sent.id)).toMatchObject({ status: "DELIVERED" });
    expect(await db.webhookEvent.count({ where: { tenantId: a.tenant.id, type: "message.delivered" } })).toBe(1);
  });

  it("receives an inbound message once from a signed message.received", async () => {
    const a = await account({ provider: "telnyx" });
    const url = `${env.APP_URL}/api/webhooks/telnyx/messages`;
    const inbound = () =>
      telnyxWebhook({ url, privateKey: telnyx.privateKey, eventType: "message.received", eventId: `evt-in-${a.number}`, payload: { id: "in-1", text: "hello", from: { phone_number: "+14155550131" }, to: [{ phone_number: a.number }] } });
    expect((await receiveProviderWebhook("telnyx", inbound())).status).toBe(200);
    expect((await receiveProviderWebhook("telnyx", inbound())).status).toBe(200);
    const received = await db.message.findMany({ where: { tenantId: a.tenant.id, direction: "INBOUND" } });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ status: "RECEIVED", body: "hello", from: "+14155550131", provider: "telnyx" });
  });
});

describe("opt-out keywords and the number's SMS handler", () => {
  const inboundUrl = () => `${env.APP_URL}/api/webhooks/twilio/messages`;
  const inbound = (to: string, from: string, body: string, sid?: string) =>
    receiveProviderWebhook("twilio-inbound", twilioInboundMessage({ url: inboundUrl(), authToken: PLATFORM_TOKEN, accountSid: PLATFORM_SID, from, to, body, messageSid: sid }));

  it("STOP suppresses the sender with the standard reply, a send to it is refused with 21610, START lets it through again", async () => {
    const a = await account();
    const customer = "+14155550140";
    expect((await inbound(a.number, customer, " stop ")).status).toBe(200);
    expect(await db.messagingSuppression.findFirst({ where: { tenantId: a.tenant.id, address: customer } })).toMatchObject({ source: "keyword", keyword: "STOP" });
    await sender();
    expect(twilio.messages.filter((m) => m.to === customer).map((m) => m.body)).toEqual([expect.stringContaining("You have successfully been unsubscribed")]);

    const refused = await send(a.auth, { to: customer, from: a.number, body: "promo" });
    expect(refused.status).toBe(400);
    expect(refused.json.error!.message).toMatch(/^to: .*21610/);
    expect(refused.json.error!.details).toEqual([{ field: "to", message: expect.stringContaining("21610") }]);

    await inbound(a.number, customer, "HELP");
    await inbound(a.number, customer, "START");
    expect(await db.messagingSuppression.count({ where: { tenantId: a.tenant.id, address: customer } })).toBe(0);
    await sender();
    expect(twilio.messages.filter((m) => m.to === customer).map((m) => m.body.split(".")[0])).toEqual([
      "You have successfully been unsubscribed",
      "Reply STOP to unsubscribe",
      "You have successfully been re-subscribed to messages from this number",
    ]);
    expect((await send(a.auth, { to: customer, from: a.number, body: "welcome back" })).status).toBe(201);
  });

  it("refuses an unsigned or forged inbound webhook and processes a replayed one once", async () => {
    const a = await account();
    const unsigned = twilioInboundMessage({ url: inboundUrl(), authToken: null, accountSid: PLATFORM_SID, from: "+14155550141", to: a.number, body: "STOP" });
    expect((await receiveProviderWebhook("twilio-inbound", unsigned)).status).toBe(403);
    const forged = twilioInboundMessage({ url: inboundUrl(), authToken: "not-the-token", accountSid: PLATFORM_SID, from: "+14155550141", to: a.number, body: "STOP" });
    expect((await receiveProviderWebhook("twilio-inbound", forged)).status).toBe(403);
    expect(await db.messagingSuppression.count({ where: { tenantId: a.tenant.id } })).toBe(0);
    const sid = newSid("SM");
    await inbound(a.number, "+14155550141", "hi", sid);
    await inbound(a.number, "+14155550141", "hi", sid);
    expect(await db.message.count({ where: { tenantId: a.tenant.id, direction: "INBOUND" } })).toBe(1);
  });

  it("asks the number's smsUrl as Twilio does (signed form) and sends its TwiML <Message> reply", async () => {
    const handler = await startWebhookReceiver(() => ({ status: 200, headers: { "content-type": "text/xml" }, body: "<Response><Message>Thanks, we got it</Message></Response>" }));
    const a = await account({ smsUrl: "" });
    await db.phoneNumber.updateMany({ where: { e164: a.number }, data: { smsUrl: handler.url("/sms") } });
    await inbound(a.number, "+14155550142", "Is the shop open?");
    expect(handler.received).toHaveLength(1);
    const form = new URLSearchParams(handler.received[0]!.body);
    expect(Object.fromEntries(form)).toMatchObject({ From: "+14155550142", To: a.number, Body: "Is the shop open?", NumMedia: "0", AccountSid: a.tenant.accountSid });
    expect(form.get("MessageSid")).toMatch(/^SM[0-9a-f]{32}$/);
    const params: Record<string, string> = Object.fromEntries(form);
    expect(verifyTwilioSignature(await getTenantAuthToken(a.tenant.id), [handler.url("/sms")], params, handler.received[0]!.headers["x-twilio-signature"] as string)).toBe(true);
    await sender();
    expect(twilio.messages.filter((m) => m.to === "+14155550142").map((m) => m.body)).toEqual(["Thanks, we got it"]);
    await handler.close();
  });
});
