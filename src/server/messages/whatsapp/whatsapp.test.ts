// WhatsApp Cloud API end to end against real PostgreSQL and the Cloud API stand-in: a connected number (token sealed),
// text, media, interactive and template messages in Meta's documented JSON, the 24-hour customer-service window,
// signed webhooks (unsigned and badly signed refused, a replay stored once), inbound text/media/interactive/location,
// and statuses sent → delivered → read (readAt) and failed.
import { AppError } from "@/server/errors";
import { createMessage } from "@/server/messages/create-message";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createMessageRoute } from "@/server/api/v1/messages";
import { twilioMessagesRoute } from "@/server/twilio/twilio-messages-route";
import { db } from "@/server/db";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { verifyMetaSignature } from "@/server/messages/providers/verify-provider-signatures";
import { whatsappRequestBody } from "@/server/messages/providers/whatsapp-messaging-provider";
import { connectWhatsAppNumber } from "@/server/messages/whatsapp/connect-whatsapp-number";
import { disconnectWhatsAppNumber } from "@/server/messages/whatsapp/disconnect-whatsapp-number";
import { findWhatsAppNumbers } from "@/server/messages/whatsapp/find-whatsapp-numbers";
import { receiveWhatsAppWebhook, verifyWhatsAppSubscription } from "@/server/messages/whatsapp/receive-whatsapp-webhook";
import { newId } from "@/server/shared/ids";
import { readAttachmentBlob } from "@/server/messages/email-attachments";
import { fetchInboundMedia } from "@/server/messages/inbound-media/fetch-inbound-media";
import { syncWhatsAppTemplates } from "@/server/messages/whatsapp/sync-whatsapp-templates";
import { createTemplate } from "@/server/templates/create-template";
import { createTestTenant, testTenantIds } from "@/test/factories";
import { signedWhatsAppRequest, startWhatsAppStandIn, whatsappWebhookBody, type WhatsAppStandIn } from "@/test/whatsapp-cloud-stand-in";

const APP_SECRET = "meta-app-secret-for-tests";
const TOKEN = "EAAG-system-user-token-0123456789";
const HOOK = "http://localhost:3000/api/webhooks/whatsapp";
let meta: WhatsAppStandIn;
let seq = 100;

beforeAll(async () => {
  meta = await startWhatsAppStandIn({ accessToken: TOKEN });
  vi.stubEnv("WHATSAPP_GRAPH_BASE_URL", meta.url);
  vi.stubEnv("WHATSAPP_GRAPH_VERSION", meta.version);
  vi.stubEnv("WHATSAPP_APP_SECRET", APP_SECRET);
  vi.stubEnv("WHATSAPP_VERIFY_TOKEN", "verify-me");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await meta.close();
});

async function account() {
  const t = await createTestTenant();
  const n = seq++;
  const phoneNumberId = `10${Date.now()}${n}`;
  const e164 = `+1555010${String(n).padStart(4, "0")}`;
  const number = await connectWhatsAppNumber(t.actor, { phoneNumberId, wabaId: "102290129340398", e164, accessToken: TOKEN });
  const key = await createApiKey(t.actor, { name: "wa", scopes: ["*"] as never });
  // message.* events are written only for tenants that listen.
  await db.webhookEndpoint.create({ data: { id: newId("we"), tenantId: t.tenant.id, url: "https://hooks.example.com/irisx", eventTypes: ["*"], secretCiphertext: "sealed" } });
  return { ...t, number, phoneNumberId, e164, auth: `Bearer ${key.bearerToken}` };
}

type Json = Record<string, unknown> & { error?: { code: string; message: string; details: Record<string, unknown> } };
async function send(auth: string, body: object): Promise<{ status: number; json: Json }> {
  const res = await createMessageRoute.handle(new Request("http://localhost:3000/api/v1/messages", { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { status: res.status, json: (await res.json()) as Json };
}

async function inbound(phoneNumberId: string, message: Record<string, unknown>, secret: string | null = APP_SECRET) {
  return receiveWhatsAppWebhook(signedWhatsAppRequest(HOOK, secret, whatsappWebhookBody(phoneNumberId, { contacts: [{ profile: { name: "Ada" }, wa_id: message.from }], messages: [message] })));
}

const wamid = () => `wamid.${newId("t")}`;
const USER = "14155550199";

describe("WhatsApp signatures and subscription", () => {
  it("X-Hub-Signature-256 is an HMAC-SHA256 of the raw body with the app secret", () => {
    const body = '{"a":1}';
    const req = signedWhatsAppRequest(HOOK, APP_SECRET, body);
    expect(verifyMetaSignature(APP_SECRET, body, req.headers.get("x-hub-signature-256"))).toEqual({ ok: true });
    expect(verifyMetaSignature(APP_SECRET, '{"a":2}', req.headers.get("x-hub-signature-256"))).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyMetaSignature("other-secret", body, req.headers.get("x-hub-signature-256"))).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyMetaSignature(APP_SECRET, body, null)).toEqual({ ok: false, reason: "unsigned" });
    expect(verifyMetaSignature(APP_SECRET, body, "sha1=abc")).toEqual({ ok: false, reason: "unsigned" });
  });

  it("answers Meta's subscription check only with our verify token", () => {
    const ok = verifyWhatsAppSubscription(new URL(`${HOOK}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`));
    expect(ok).toMatchObject({ status: 200, body: "1158201444" });
    expect(verifyWhatsAppSubscription(new URL(`${HOOK}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
    expect(verifyWhatsAppSubscription(new URL(`${HOOK}?hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1`)).status).toBe(400);
  });
});

describe("WhatsApp numbers", () => {
  it("stores the token sealed, lists without it, refuses another account's number and disconnects", async () => {
    const a = await account();
    const row = await db.whatsAppNumber.findUniqueOrThrow({ where: { id: a.number.id } });
    expect(row.accessTokenCipher).not.toContain(TOKEN);
    expect(row.hint).toBe(TOKEN.slice(-4));
    const list = await findWhatsAppNumbers(a.actor);
    expect(list).toEqual([expect.objectContaining({ id: a.number.id, e164: a.e164, tokenHint: TOKEN.slice(-4) })]);
    expect(JSON.stringify(list)).not.toContain(TOKEN);
    const b = await createTestTenant();
    await expect(connectWhatsAppNumber(b.actor, { phoneNumberId: a.phoneNumberId, wabaId: "1234567", e164: "+15550109999", accessToken: TOKEN })).rejects.toMatchObject({ message: expect.stringContaining("phoneNumberId") });
    await expect(disconnectWhatsAppNumber(b.actor, { whatsAppNumberId: a.number.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(connectWhatsAppNumber(a.actor, { phoneNumberId: "abc", wabaId: "1234567", e164: a.e164, accessToken: TOKEN })).rejects.toThrow();
    expect(await db.auditLog.count({ where: { tenantId: a.tenant.id, action: "whatsapp.number_connected" } })).toBe(1);
    await disconnectWhatsAppNumber(a.actor, { whatsAppNumberId: a.number.id });
    expect(await findWhatsAppNumbers(a.actor)).toEqual([]);
    const refused = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, body: "hi" });
    expect(refused.status).toBe(400);
    expect(refused.json.error?.message).toMatch(/^from: /);
  });
});

describe("the 24-hour customer-service window", () => {
  it("refuses a free-form message to a user who has not written in 24 hours, naming to and 131047; templates pass", async () => {
    const a = await account();
    for (const body of [{ body: "hello" }, { media_urls: ["https://cdn.example.com/a.jpg"] }, { interactive: { type: "button", body: { text: "Pick" }, action: { buttons: [{ type: "reply", reply: { id: "y", title: "Yes" } }] } } }]) {
      const r = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, ...body });
      expect(r.status).toBe(400);
      expect(r.json.error?.message).toMatch(/^to: .*24 hours.*131047/);
      expect(r.json.error?.details).toEqual([{ field: "to", message: expect.stringContaining("131047") }]);
    }
    // The use-case's error carries Meta's code for the Twilio-compatible surface and the portal.
    const direct = await createMessage(a.actor, { channel: "whatsapp", from: a.e164, to: `+${USER}`, body: "hello" }, { surface: "native" }).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(AppError);
    expect((direct as AppError).details).toMatchObject({ error_code: 131047, fieldErrors: { to: [expect.any(String)] } });
    // A message from the user 25 hours ago does not open the window.
    await db.message.create({ data: { id: `SM${"0".repeat(24)}${String(seq++).padStart(8, "0")}`, tenantId: a.tenant.id, channel: "WHATSAPP", direction: "INBOUND", status: "RECEIVED", from: `+${USER}`, to: a.e164, body: "old", mediaUrls: [], createdAt: new Date(Date.now() - 25 * 3600_000) } });
    expect((await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, body: "hello" })).status).toBe(400);

    const template = await db.messageTemplate.create({
      data: { id: newId("mt"), tenantId: a.tenant.id, channel: "WHATSAPP", name: "order_update", language: "en_US", category: "UTILITY", approvalStatus: "APPROVED", body: "Hi {{name}}, order {{order}} shipped", variables: ["name", "order"], components: [{ type: "BODY", text: "Hi {{name}}, order {{order}} shipped" }] },
    });
    const missing = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, template_id: template.id, template_variables: { name: "Ada" } });
    expect(missing.status).toBe(400);
    expect(missing.json.error?.message).toContain("order");
    const ok = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, template_id: template.id, template_variables: { name: "Ada", order: "A-17" } });
    expect(ok.status).toBe(201);
    expect(ok.json.body).toBe("Hi Ada, order A-17 shipped");
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    const sent = meta.messages.find((m) => m.phoneNumberId === a.phoneNumberId && m.type === "template")!;
    expect(sent.body).toMatchObject({
      messaging_product: "whatsapp", recipient_type: "individual", to: USER, type: "template",
      template: { name: "order_update", language: { code: "en_US" }, components: [{ type: "body", parameters: [{ type: "text", text: "Ada" }, { type: "text", text: "A-17" }] }] },
    });
    const pending = await db.messageTemplate.create({ data: { id: newId("mt"), tenantId: a.tenant.id, channel: "WHATSAPP", name: "promo", language: "en_US", category: "MARKETING", approvalStatus: "PENDING", body: "Sale", components: [{ type: "BODY", text: "Sale" }] } });
    const notApproved = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, template_id: pending.id });
    expect(notApproved.status).toBe(400);
    expect(notApproved.json.error?.message).toMatch(/^template_id: .*not approved/);
  });
});

describe("WhatsApp inbound and outbound", () => {
  it("stores a signed inbound message once, refuses unsigned and badly signed ones, then sends text, media and interactive in Meta's format", async () => {
    const a = await account();
    const id = wamid();
    const text = { from: USER, id, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "Where is my order?" } };
    expect((await inbound(a.phoneNumberId, text, null)).status).toBe(403);
    expect((await inbound(a.phoneNumberId, text, "wrong-secret")).status).toBe(403);
    expect(await db.message.count({ where: { tenantId: a.tenant.id } })).toBe(0);
    expect((await inbound(a.phoneNumberId, text)).status).toBe(200);
    expect((await inbound(a.phoneNumberId, text)).status).toBe(200); // Meta's retry: stored once
    const stored = await db.message.findMany({ where: { tenantId: a.tenant.id, direction: "INBOUND" } });
    expect(stored).toEqual([expect.objectContaining({ channel: "WHATSAPP", status: "RECEIVED", from: `+${USER}`, to: a.e164, body: "Where is my order?", provider: "whatsapp", providerMessageId: id })]);
    expect(await db.webhookEvent.count({ where: { tenantId: a.tenant.id, type: "message.received" } })).toBe(1);

    const r1 = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, body: "It ships today: https://t.example.com/1" });
    const r2 = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, body: "The invoice", media_urls: ["https://cdn.example.com/invoice.pdf"] });
    const r3 = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, media_urls: ["https://cdn.example.com/voice.ogg"] });
    const r4 = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, interactive: { type: "button", body: { text: "Did this help?" }, action: { buttons: [{ type: "reply", reply: { id: "yes", title: "Yes" } }, { type: "reply", reply: { id: "no", title: "No" } }] } } });
    const r5 = await send(a.auth, {
      channel: "whatsapp", from: a.e164, to: `+${USER}`,
      interactive: { type: "list", body: { text: "Pick a slot" }, action: { button: "Slots", sections: [{ title: "Monday", rows: [{ id: "mon-9", title: "09:00" }, { id: "mon-14", title: "14:00" }] }] } },
    });
    for (const r of [r1, r2, r3, r4, r5]) expect(r.status).toBe(201);
    expect(r1.json).toMatchObject({ channel: "whatsapp", status: "queued", price_micros: "5000" });
    const tooMany = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, interactive: { type: "button", body: { text: "?" }, action: { buttons: [1, 2, 3, 4].map((i) => ({ type: "reply", reply: { id: `b${i}`, title: `B${i}` } })) } } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error?.message).toMatch(/interactive/);

    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    const mine = meta.messages.filter((m) => m.phoneNumberId === a.phoneNumberId);
    expect(mine.map((m) => m.type)).toEqual(["text", "document", "audio", "interactive", "interactive"]);
    expect(mine[0]!.body).toEqual({ messaging_product: "whatsapp", recipient_type: "individual", to: USER, type: "text", text: { body: "It ships today: https://t.example.com/1", preview_url: true } });
    expect(mine[1]!.body.document).toEqual({ link: "https://cdn.example.com/invoice.pdf", caption: "The invoice" });
    expect(mine[2]!.body.audio).toEqual({ link: "https://cdn.example.com/voice.ogg" });
    expect(mine[3]!.body.interactive).toMatchObject({ type: "button", action: { buttons: [{ reply: { id: "yes" } }, { reply: { id: "no" } }] } });
    expect(mine[4]!.body.interactive).toMatchObject({ type: "list", action: { button: "Slots" } });
    expect(meta.malformed).toEqual([]);
    const out = await db.message.findUniqueOrThrow({ where: { id: r1.json.id as string } });
    expect(out).toMatchObject({ status: "SENT", provider: "whatsapp", providerMessageId: mine[0]!.id, charged: true });
    // The answer joins the inbox conversation the customer's message opened.
    expect(stored[0]!.conversationId).toBeTruthy();
    expect(out.conversationId).toBe(stored[0]!.conversationId);

    // Statuses: sent → delivered → read (readAt), each once; a late `delivered` never undoes `read`.
    const status = (s: string, extra: object = {}) =>
      receiveWhatsAppWebhook(signedWhatsAppRequest(HOOK, APP_SECRET, whatsappWebhookBody(a.phoneNumberId, { statuses: [{ id: mine[0]!.id, status: s, timestamp: "1700000000", recipient_id: USER, ...extra }] })));
    expect((await status("delivered")).status).toBe(200);
    expect((await status("read")).status).toBe(200);
    expect((await status("read")).status).toBe(200);
    expect((await status("delivered")).status).toBe(200);
    const read = await db.message.findUniqueOrThrow({ where: { id: out.id } });
    expect(read.status).toBe("READ");
    expect(read.readAt).toBeInstanceOf(Date);
    expect(read.deliveredAt).toBeInstanceOf(Date);
    expect(await db.webhookEvent.count({ where: { tenantId: a.tenant.id, type: "message.read" } })).toBe(1);
    // A badly signed status changes nothing.
    const forged = await receiveWhatsAppWebhook(signedWhatsAppRequest(HOOK, "forged", whatsappWebhookBody(a.phoneNumberId, { statuses: [{ id: mine[1]!.id, status: "failed" }] })));
    expect(forged.status).toBe(403);
    const failed = await receiveWhatsAppWebhook(
      signedWhatsAppRequest(HOOK, APP_SECRET, whatsappWebhookBody(a.phoneNumberId, { statuses: [{ id: mine[1]!.id, status: "failed", errors: [{ code: 131026, title: "Message undeliverable" }] }] })),
    );
    expect(failed.status).toBe(200);
    expect(await db.message.findFirstOrThrow({ where: { providerMessageId: mine[1]!.id } })).toMatchObject({ status: "FAILED", errorCode: 131026, errorMessage: "Message undeliverable" });
  });

  it("fetches an inbound photo from the Graph API (with the number's token) and keeps it as the message's encrypted attachment", async () => {
    const a = await account();
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(2048, 7)]);
    meta.addMedia("2000000000000001", photo, "image/png");
    const ts = String(Math.floor(Date.now() / 1000));
    await inbound(a.phoneNumberId, { from: USER, id: wamid(), timestamp: ts, type: "image", image: { id: "2000000000000001", mime_type: "image/png", caption: "the receipt" } });
    await vi.waitFor(async () => expect(await db.messageAttachment.count({ where: { tenantId: a.tenant.id } })).toBe(1), { timeout: 10_000, interval: 100 });
    const m = await db.message.findFirstOrThrow({ where: { tenantId: a.tenant.id, direction: "INBOUND" }, include: { attachments: true } });
    expect(m).toMatchObject({ body: "the receipt", mediaUrls: [] });
    expect(m.attachments[0]).toMatchObject({ contentType: "image/png", sizeBytes: photo.length, filename: "image-2000000000000001.png" });
    expect(m.payload).toMatchObject({ media: { id: "2000000000000001" }, media_fetch: { stored: [m.attachments[0]!.id] } });
    expect(await readAttachmentBlob(m.attachments[0]!)).toEqual(photo);
    // Stored once: another pass leaves it as it is.
    await fetchInboundMedia({ tenantIds: testTenantIds() });
    expect(await db.messageAttachment.count({ where: { tenantId: a.tenant.id } })).toBe(1);
    // Media Meta no longer has: the error is kept and the next try waits (30 s, then a minute; three in all).
    await inbound(a.phoneNumberId, { from: USER, id: wamid(), timestamp: ts, type: "document", document: { id: "2000000000000002", mime_type: "application/pdf", filename: "invoice.pdf" } });
    const lost = await vi.waitFor(
      async () => {
        const row = await db.message.findFirstOrThrow({ where: { tenantId: a.tenant.id, direction: "INBOUND", body: "" } });
        expect(row.payload).toMatchObject({ media: { id: "2000000000000002" }, media_fetch: { tries: 1, error: expect.stringContaining("404") } });
        return row;
      },
      { timeout: 10_000, interval: 100 },
    );
    const retryAt = new Date((lost.payload as { media_fetch: { claimed_until: string } }).media_fetch.claimed_until).getTime();
    expect(retryAt - Date.now()).toBeGreaterThan(20_000);
    await fetchInboundMedia({ tenantIds: testTenantIds() });
    expect((await db.message.findUniqueOrThrow({ where: { id: lost.id } })).payload).toMatchObject({ media_fetch: { tries: 1 } });
  });

  it("syncs the template registry with Meta's (statuses, templates made in Meta's manager) and applies template status webhooks", async () => {
    const a = await account();
    await createTemplate(a.actor, { channel: "WHATSAPP", name: "order_update", language: "en_US", category: "UTILITY", components: [{ type: "BODY", text: "Your order {{1}} shipped" }] });
    meta.setTemplates("102290129340398", [
      { name: "order_update", language: "en_US", status: "APPROVED", category: "UTILITY", components: [{ type: "BODY", text: "Your order {{1}} shipped" }] },
      { name: "promo_spring", language: "en_US", status: "REJECTED", rejected_reason: "PROMOTIONAL", category: "MARKETING", components: [{ type: "BODY", text: "Spring sale" }] },
      { name: "login_code", language: "en_US", status: "PAUSED", category: "AUTHENTICATION", components: [{ type: "BODY", text: "{{1}} is your code" }] },
    ]);
    expect(await syncWhatsAppTemplates(a.actor)).toEqual({ accounts: 1, created: 2, updated: 1 });
    const rows = await db.messageTemplate.findMany({ where: { tenantId: a.tenant.id }, orderBy: { name: "asc" } });
    expect(rows.map((t) => [t.name, t.approvalStatus, t.rejectionReason, t.category])).toEqual([
      ["login_code", "REJECTED", "PAUSED", "AUTHENTICATION"],
      ["order_update", "APPROVED", null, "UTILITY"],
      ["promo_spring", "REJECTED", "PROMOTIONAL", "MARKETING"],
    ]);
    expect(rows[0]!.variables).toEqual(["1"]);
    // Nothing changed at Meta: nothing changes here (three templates read over two pages).
    expect(await syncWhatsAppTemplates(a.actor)).toEqual({ accounts: 1, created: 0, updated: 0 });
    expect(meta.malformed).toEqual([]);
    // Meta's review moves a template at once.
    const update = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: "102290129340398", changes: [{ field: "message_template_status_update", value: { event: "REJECTED", message_template_name: "order_update", message_template_language: "en_US", reason: "INCORRECT_CATEGORY" } }] }],
    });
    expect((await receiveWhatsAppWebhook(signedWhatsAppRequest(HOOK, APP_SECRET, update))).status).toBe(200);
    expect(await db.messageTemplate.findFirstOrThrow({ where: { tenantId: a.tenant.id, name: "order_update" } })).toMatchObject({ approvalStatus: "REJECTED", rejectionReason: "INCORRECT_CATEGORY" });
    // An account without a WhatsApp number has nothing to sync from.
    const none = await createTestTenant();
    await expect(syncWhatsAppTemplates(none.actor)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("stores media, interactive replies and locations; Meta's refusal fails the message with its code", async () => {
    const a = await account();
    const ts = String(Math.floor(Date.now() / 1000));
    await inbound(a.phoneNumberId, { from: USER, id: wamid(), timestamp: ts, type: "image", image: { id: "1479537139650973", mime_type: "image/jpeg", caption: "the damage" } });
    await inbound(a.phoneNumberId, { from: USER, id: wamid(), timestamp: ts, type: "interactive", context: { id: "wamid.prev" }, interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes" } } });
    await inbound(a.phoneNumberId, { from: USER, id: wamid(), timestamp: ts, type: "interactive", interactive: { type: "list_reply", list_reply: { id: "mon-9", title: "09:00", description: "Monday" } } });
    await inbound(a.phoneNumberId, { from: USER, id: wamid(), timestamp: ts, type: "location", location: { latitude: 52.52, longitude: 13.405, name: "Office", address: "Alexanderplatz 1" } });
    const got = await db.message.findMany({ where: { tenantId: a.tenant.id, direction: "INBOUND" }, orderBy: { createdAt: "asc" } });
    expect(got.map((m) => m.body)).toEqual(["the damage", "Yes", "09:00", "Office, Alexanderplatz 1"]);
    expect(got[0]!.mediaUrls).toEqual([`${meta.url}/${meta.version}/1479537139650973`]);
    expect(got[0]!.payload).toMatchObject({ type: "image", media: { id: "1479537139650973", mime_type: "image/jpeg" } });
    expect(got[1]!.payload).toMatchObject({ type: "interactive_reply", kind: "button_reply", reply: { id: "yes" }, context: "wamid.prev" });
    expect(got[2]!.payload).toMatchObject({ kind: "list_reply", reply: { id: "mon-9" } });
    expect(got[3]!.payload).toMatchObject({ type: "location", location: { latitude: 52.52, longitude: 13.405 } });

    // A number nobody connected: acknowledged, nothing stored.
    expect((await inbound("99999999999", { from: USER, id: wamid(), timestamp: ts, type: "text", text: { body: "x" } })).status).toBe(200);

    meta.failNext(1, 400, 131047);
    const r = await send(a.auth, { channel: "whatsapp", from: a.e164, to: `+${USER}`, body: "follow-up" });
    expect(r.status).toBe(201);
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    const m = await db.message.findFirstOrThrow({ where: { tenantId: a.tenant.id, direction: "OUTBOUND" } });
    expect(m).toMatchObject({ status: "FAILED", errorCode: 131047 });
    expect(m.errorMessage).toContain("131047");
  });
});

describe("whatsappRequestBody", () => {
  it("infers the media type and keeps captions off audio", () => {
    expect(whatsappRequestBody({ to: "+4915112345678", body: "pic", mediaUrls: ["https://x.example/p.png"], payload: { type: "media", mediaType: "image" } })).toEqual({
      messaging_product: "whatsapp", recipient_type: "individual", to: "4915112345678", type: "image", image: { link: "https://x.example/p.png", caption: "pic" },
    });
  });
});

describe("Twilio-compatible WhatsApp", () => {
  it("maps whatsapp: addresses on Messages.json to the WhatsApp channel, with Twilio's 63016 outside the window", async () => {
    const a = await account();
    const { accountSid } = await db.tenant.findUniqueOrThrow({ where: { id: a.tenant.id }, select: { accountSid: true } });
    const post = (form: Record<string, string>) =>
      twilioMessagesRoute.POST(
        new Request(`http://localhost:3000/2010-04-01/Accounts/${accountSid}/Messages.json`, { method: "POST", headers: { authorization: a.auth, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() }),
        { params: Promise.resolve({ accountSid }) },
      );
    const outside = await post({ To: `whatsapp:+${USER}`, From: `whatsapp:${a.e164}`, Body: "hi" });
    expect(outside.status).toBe(400);
    expect(await outside.json()).toMatchObject({ code: 63016 });
    const mixed = await post({ To: `whatsapp:+${USER}`, From: a.e164, Body: "hi" });
    expect(mixed.status).toBe(400);
    await inbound(a.phoneNumberId, { from: USER, id: wamid(), timestamp: "1", type: "text", text: { body: "hello" } });
    const ok = await post({ To: `whatsapp:+${USER}`, From: `whatsapp:${a.e164}`, Body: "hello back" });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ from: `whatsapp:${a.e164}`, to: `whatsapp:+${USER}`, status: "queued", body: "hello back" });
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    expect(meta.messages.filter((m) => m.phoneNumberId === a.phoneNumberId).map((m) => m.body.text)).toEqual([{ body: "hello back", preview_url: false }]);
  });
});
