// The email channel end to end against real PostgreSQL and the Resend stand-in: POST /api/v1/messages with channel
// email (fields named on 400s, verified sending domain, attachments stored encrypted), the sender's Resend request in
// its documented format (Bearer, Idempotency-Key = message id, Message-ID header, attachments), Resend's Svix-signed
// status webhooks (valid, bad, stale, replayed), SendGrid Inbound Parse (multipart with an attachment) and Mailgun
// routes (valid, bad, stale, replayed), threading both ways, and attachment downloads only for the owning tenant.
import { createHmac, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "@/env";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createMessageRoute, getMessageAttachmentRoute, getMessageRoute, listMessagesRoute } from "@/server/api/v1/messages";
import { receiveResendWebhook } from "@/server/broadcasts/receive-resend-webhook";
import { db } from "@/server/db";
import { replyToConversation } from "@/server/inbox/reply-to-conversation";
import { createEmailMessage } from "@/server/messages/create-email-message";
import { receiveMailgunInbound } from "@/server/messages/receive-mailgun-inbound";
import { receiveSendgridInbound } from "@/server/messages/receive-sendgrid-inbound";
import { verifyMailgunSignature, verifySendgridEventSignature } from "@/server/messages/providers/verify-provider-signatures";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { readMessageAttachment } from "@/server/messages/read-message-attachment";
import { newId } from "@/server/shared/ids";
import { createTestTenant, testTenantIds } from "@/test/factories";
import { newWebhookSecret, signResendWebhook, startResendStandIn, type ResendStandIn } from "@/test/resend-stand-in";

const BASE = "http://localhost:3000";
const MAILGUN_KEY = "key-mailgun-signing-0123456789";
let resend: ResendStandIn;
let secret: string;
let previousSecret: string | undefined;

beforeAll(async () => {
  resend = await startResendStandIn();
  vi.stubEnv("RESEND_API_KEY", resend.apiKey);
  vi.stubEnv("RESEND_BASE_URL", resend.url);
  vi.stubEnv("MAILGUN_WEBHOOK_SIGNING_KEY", MAILGUN_KEY);
  secret = newWebhookSecret();
  previousSecret = env.RESEND_WEBHOOK_SECRET;
  env.RESEND_WEBHOOK_SECRET = secret;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  env.RESEND_WEBHOOK_SECRET = previousSecret;
  await resend.close();
});

async function account(opts: { verified?: boolean } = {}) {
  const t = await createTestTenant();
  const domain = `${t.tenant.id.replace(/_/g, "-")}.mail.example.com`;
  const sd = await db.sendingDomain.create({
    data: { id: newId("sd"), tenantId: t.tenant.id, domain, dkimSelector: "irisx", dkimPublicKey: "x", dkimPrivateKeySealed: "x", verifiedAt: opts.verified === false ? null : new Date(), inboundToken: `sdi_${randomBytes(16).toString("hex")}` },
  });
  const key = await createApiKey(t.actor, { name: "email", scopes: ["*"] as never });
  return { ...t, domain, inboundToken: sd.inboundToken!, auth: `Bearer ${key.bearerToken}` };
}

type Json = Record<string, unknown> & { error?: { code: string; message: string } };
async function send(auth: string, body: object) {
  const res = await createMessageRoute.handle(new Request(`${BASE}/api/v1/messages`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { status: res.status, json: (await res.json()) as Json };
}
const sender = () => runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

describe("sending email", () => {
  it("validates: from at a verified sending domain, to, subject, body, attachments; each 400 names its field", async () => {
    const a = await account();
    const base = { channel: "email", from: `ana@${a.domain}`, to: "bob@example.net", subject: "Hi", body: "Hello" };
    expect((await send(a.auth, { ...base, from: "ana@not-ours.example.org" })).json.error!.message).toMatch(/^from: .*not a sending domain/);
    expect((await send(a.auth, { ...base, to: "not-an-address" })).json.error!.message).toMatch(/\bto: must be an email address/);
    expect((await send(a.auth, { ...base, subject: "" })).json.error!.message).toMatch(/^subject: /);
    expect((await send(a.auth, { ...base, body: "" })).json.error!.message).toMatch(/^body: /);
    expect((await send(a.auth, { ...base, attachments: [{ filename: "a.txt", content: "%%%" }] })).json.error!.message).toMatch(/^attachments\[0\]\.content: /);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1).toString("base64");
    // Over the API's body limit (API_MAX_BODY_BYTES) the REST request is 413; the use-case's own per-file limit names the field.
    expect((await send(a.auth, { ...base, attachments: [{ filename: "big.bin", content: big }] })).status).toBe(413);
    await expect(createEmailMessage(a.actor, { ...base, channel: "email", attachments: [{ filename: "big.bin", content: big }] })).rejects.toMatchObject({ message: expect.stringMatching(/^attachments\[0\]\.content: .*at most/) });
    const unverified = await account({ verified: false });
    const r = await send(unverified.auth, { ...base, from: `ana@${unverified.domain}` });
    expect(r.status).toBe(400);
    expect(r.json.error!.message).toMatch(/^from: .*not verified/);
    expect(await db.message.count({ where: { tenantId: a.tenant.id } })).toBe(0);
  });

  it("sends through Resend in its documented format, once, and applies Svix-signed status webhooks (bad, stale, replayed refused)", async () => {
    const a = await account();
    const r = await send(a.auth, {
      channel: "email", from: `Ana <ana@${a.domain}>`, to: "bob@example.net", cc: ["carol@example.net"], subject: "Your invoice", body: "See attached", html: "<p>See attached</p>",
      attachments: [{ filename: "logo.png", content: PNG.toString("base64"), content_type: "image/png" }],
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ channel: "email", status: "queued", subject: "Your invoice", html: "<p>See attached</p>", cc: ["carol@example.net"], price_micros: "1000" });
    const id = r.json.id as string;
    expect(r.json.email_message_id).toBe(`<${id}@${a.domain}>`);
    expect(r.json.thread_key).toBe(r.json.email_message_id);

    await sender();
    await sender();
    const sent = resend.requests.filter((q) => q.idempotencyKey === id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.status).toBe(200);
    expect(sent[0]!.emails[0]).toMatchObject({
      from: `Ana <ana@${a.domain}>`, to: ["bob@example.net"], cc: ["carol@example.net"], subject: "Your invoice", text: "See attached", html: "<p>See attached</p>",
      headers: { "Message-ID": `<${id}@${a.domain}>` }, attachments: [{ filename: "logo.png", content: PNG.toString("base64"), content_type: "image/png" }],
    });
    const row = await db.message.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "SENT", provider: "resend", credentialSource: "platform", charged: true });
    const emailId = row.providerMessageId!;

    const payload = JSON.stringify({ type: "email.delivered", created_at: new Date().toISOString(), data: { email_id: emailId } });
    const bad = await receiveResendWebhook({ payload, headers: { ...toSvix(signResendWebhook(newWebhookSecret(), payload)) } });
    expect(bad.status).toBe(401);
    const stale = await receiveResendWebhook({ payload, headers: toSvix(signResendWebhook(secret, payload, { timestamp: Math.floor(Date.now() / 1000) - 600 })) });
    expect(stale.status).toBe(401);
    const unsigned = await receiveResendWebhook({ payload, headers: { id: null, timestamp: null, signature: null } });
    expect(unsigned.status).toBe(401);
    expect((await db.message.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");

    const good = toSvix(signResendWebhook(secret, payload));
    expect(await receiveResendWebhook({ payload, headers: good })).toMatchObject({ status: 200, body: { result: "applied" } });
    expect(await receiveResendWebhook({ payload, headers: good })).toMatchObject({ status: 200, body: { result: "duplicate" } });
    expect((await db.message.findUniqueOrThrow({ where: { id } })).status).toBe("DELIVERED");
    const opened = JSON.stringify({ type: "email.opened", created_at: new Date().toISOString(), data: { email_id: emailId } });
    expect(await receiveResendWebhook({ payload: opened, headers: toSvix(signResendWebhook(secret, opened)) })).toMatchObject({ body: { result: "applied" } });
    expect((await db.message.findUniqueOrThrow({ where: { id } })).status).toBe("READ");
  });

  it("a bounce marks the email undelivered with the reason", async () => {
    const a = await account();
    const r = await send(a.auth, { channel: "email", from: `ana@${a.domain}`, to: "gone@example.net", subject: "Hi", html: "<b>hi</b>" });
    await sender();
    const row = await db.message.findUniqueOrThrow({ where: { id: r.json.id as string } });
    const payload = JSON.stringify({ type: "email.bounced", data: { email_id: row.providerMessageId, bounce: { message: "mailbox does not exist" } } });
    await receiveResendWebhook({ payload, headers: toSvix(signResendWebhook(secret, payload)) });
    expect(await db.message.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "UNDELIVERED", errorMessage: "bounced: mailbox does not exist" });
  });
});

function toSvix(h: Record<string, string>) {
  return { id: h["svix-id"]!, timestamp: h["svix-timestamp"]!, signature: h["svix-signature"]! };
}

function sendgridForm(fields: Record<string, string>, files: Record<string, { name: string; type: string; bytes: Buffer }> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const [k, f] of Object.entries(files)) form.set(k, new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
  return form;
}

/** Through a real multipart body, as SendGrid posts it. */
async function asMultipart(form: FormData): Promise<FormData> {
  return new Request("http://x/", { method: "POST", body: form }).formData();
}

function mailgunForm(fields: Record<string, string>, opts: { key?: string; timestamp?: number; token?: string } = {}) {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const token = opts.token ?? randomBytes(25).toString("hex");
  const signature = createHmac("sha256", opts.key ?? MAILGUN_KEY).update(`${timestamp}${token}`).digest("hex");
  return sendgridForm({ ...fields, timestamp, token, signature });
}

describe("inbound email", () => {
  it("SendGrid Inbound Parse: stored once with its attachment, threaded to our email; only the domain's token URL works", async () => {
    const a = await account();
    const out = await send(a.auth, { channel: "email", from: `ana@${a.domain}`, to: "bob@example.net", subject: "Quote", body: "Here it is" });
    const ours = out.json.email_message_id as string;
    const headers = `Message-ID: <reply-1@example.net>\r\nIn-Reply-To: ${ours}\r\nReferences:\r\n ${ours}\r\nSubject: Re: Quote\r\n`;
    const form = await asMultipart(
      sendgridForm(
        { from: "Bob <bob@example.net>", to: `support@${a.domain}`, subject: "Re: Quote", text: "Thanks!", html: "<p>Thanks!</p>", headers, attachments: "1", "attachment-info": JSON.stringify({ attachment1: { filename: "photo.png", type: "image/png" } }) },
        { attachment1: { name: "photo.png", type: "image/png", bytes: PNG } },
      ),
    );
    const first = await receiveSendgridInbound(a.inboundToken, form);
    expect(first.outcome).toBe("received");
    expect(await receiveSendgridInbound(a.inboundToken, form)).toEqual({ outcome: "duplicate" });
    await expect(receiveSendgridInbound(`sdi_${"0".repeat(32)}`, form)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await account();
    expect(await receiveSendgridInbound(other.inboundToken, form)).toEqual({ outcome: "unknown_recipient" });

    const rows = await db.message.findMany({ where: { tenantId: a.tenant.id, direction: "INBOUND" }, include: { attachments: true } });
    expect(rows).toHaveLength(1);
    const m = rows[0]!;
    expect(m).toMatchObject({ channel: "EMAIL", status: "RECEIVED", from: "bob@example.net", to: `support@${a.domain}`, subject: "Re: Quote", body: "Thanks!", html: "<p>Thanks!</p>", emailMessageId: "<reply-1@example.net>", emailInReplyTo: ours, threadKey: ours, inReplyToId: out.json.id });
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]).toMatchObject({ filename: "photo.png", contentType: "image/png", sizeBytes: PNG.length });

    // The thread lists both; the attachment downloads for this tenant (API key and member), 404 for another.
    const list = await listMessagesRoute.handle(new Request(`${BASE}/api/v1/messages?thread_key=${encodeURIComponent(ours)}`, { headers: { authorization: a.auth } }));
    expect(((await list.json()) as { data: { id: string }[] }).data.map((d) => d.id).sort()).toEqual([out.json.id, m.id].sort());
    const got = (await (await getMessageRoute.handle(new Request(`${BASE}/api/v1/messages/${m.id}`, { headers: { authorization: a.auth } }), { params: Promise.resolve({ messageId: m.id }) })).json()) as Json;
    const url = (got.attachments as { url: string }[])[0]!.url;
    expect(url).toBe(`/api/v1/messages/${m.id}/attachments/${m.attachments[0]!.id}`);
    const params = { params: Promise.resolve({ messageId: m.id, attachmentId: m.attachments[0]!.id }) };
    const dl = await getMessageAttachmentRoute.handle(new Request(`${BASE}${url}`, { headers: { authorization: a.auth } }), params);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-disposition")).toMatch(/^attachment; filename="photo.png"/);
    expect(Buffer.from(await dl.arrayBuffer())).toEqual(PNG);
    const theirs = await getMessageAttachmentRoute.handle(new Request(`${BASE}${url}`, { headers: { authorization: other.auth } }), params);
    expect(theirs.status).toBe(404);
    await expect(readMessageAttachment(other.actor, { messageId: m.id, attachmentId: m.attachments[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const mine = await readMessageAttachment(a.actor, { messageId: m.id, attachmentId: m.attachments[0]!.id });
    expect(mine.status).toBe(200);

    // Our reply continues the thread: In-Reply-To/References in Resend's request.
    const reply = await send(a.auth, { channel: "email", from: `ana@${a.domain}`, to: "bob@example.net", subject: "Re: Quote", body: "Welcome", reply_to_message_id: m.id });
    expect(reply.json).toMatchObject({ thread_key: ours, in_reply_to: "<reply-1@example.net>", references: [ours, "<reply-1@example.net>"] });
    // The inbox: Bob's email opened a conversation (storeInboundMessage), and our reply joins it.
    expect(m.conversationId).not.toBeNull();
    expect((await db.message.findUniqueOrThrow({ where: { id: reply.json.id as string } })).conversationId).toBe(m.conversationId);
    await sender();
    expect(resend.requests.find((q) => q.idempotencyKey === reply.json.id)!.emails[0]).toMatchObject({ headers: { "In-Reply-To": "<reply-1@example.net>", References: `${ours} <reply-1@example.net>` } });

    // An agent's answer from the inbox is threaded the same way: to Bob's latest email, "Re:" its subject.
    const fromInbox = await replyToConversation(a.actor, { conversationId: m.conversationId!, body: "Anything else?" });
    expect(await db.message.findUniqueOrThrow({ where: { id: fromInbox.id } })).toMatchObject({
      channel: "EMAIL", from: `support@${a.domain}`, to: "bob@example.net", subject: "Re: Quote", emailInReplyTo: "<reply-1@example.net>", threadKey: ours, conversationId: m.conversationId,
    });
  });

  it("Mailgun routes: valid stored once per token; bad, stale and unsigned refused", async () => {
    const a = await account();
    const fields = { recipient: `sales@${a.domain}`, sender: "dave@example.org", from: "Dave <dave@example.org>", subject: "Pricing?", "body-plain": "How much?", "Message-Id": "<mg-1@example.org>" };
    await expect(receiveMailgunInbound(mailgunForm(fields, { key: "wrong-key" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(receiveMailgunInbound(mailgunForm(fields, { timestamp: Math.floor(Date.now() / 1000) - 400 }))).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/5 minutes/) });
    await expect(receiveMailgunInbound(sendgridForm(fields))).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/unsigned/) });
    const form = mailgunForm(fields);
    const ok = await receiveMailgunInbound(form);
    expect(ok.outcome).toBe("received");
    expect(await receiveMailgunInbound(form)).toEqual({ outcome: "duplicate" });
    const rows = await db.message.findMany({ where: { tenantId: a.tenant.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "EMAIL", from: "dave@example.org", subject: "Pricing?", body: "How much?", emailMessageId: "<mg-1@example.org>", threadKey: "<mg-1@example.org>", provider: "mailgun" });
  });
});

describe("signature checks", () => {
  it("Mailgun: HMAC-SHA256 of timestamp+token", () => {
    const now = 1_700_000_000;
    const sig = createHmac("sha256", "k").update(`${now}tok`).digest("hex");
    expect(verifyMailgunSignature({ signingKey: "k", timestamp: String(now), token: "tok", signature: sig, nowSeconds: now })).toEqual({ ok: true });
    expect(verifyMailgunSignature({ signingKey: "k", timestamp: String(now), token: "tok2", signature: sig, nowSeconds: now })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyMailgunSignature({ signingKey: "k", timestamp: String(now), token: "tok", signature: sig, nowSeconds: now + 301 })).toEqual({ ok: false, reason: "stale" });
  });

  it("SendGrid signed event webhook: ECDSA P-256 over timestamp+body", () => {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const pub = publicKey.export({ format: "der", type: "spki" }).toString("base64");
    const now = 1_700_000_000;
    const body = JSON.stringify([{ email: "a@example.com", event: "delivered", sg_message_id: "x" }]);
    const signature = sign("sha256", Buffer.from(`${now}${body}`), privateKey).toString("base64");
    expect(verifySendgridEventSignature({ publicKeyBase64: pub, rawBody: body, signature, timestamp: String(now), nowSeconds: now })).toEqual({ ok: true });
    expect(verifySendgridEventSignature({ publicKeyBase64: pub, rawBody: `${body} `, signature, timestamp: String(now), nowSeconds: now })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySendgridEventSignature({ publicKeyBase64: pub, rawBody: body, signature, timestamp: String(now), nowSeconds: now + 400 })).toEqual({ ok: false, reason: "stale" });
    expect(verifySendgridEventSignature({ publicKeyBase64: pub, rawBody: body, signature: null, timestamp: String(now), nowSeconds: now })).toEqual({ ok: false, reason: "unsigned" });
  });
});
