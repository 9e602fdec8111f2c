import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createMessageRoute } from "@/server/api/v1/messages";
import { db } from "@/server/db";
import { replyToConversation } from "@/server/inbox/reply-to-conversation";
import { findChatBots } from "@/server/messages/chat-bots/find-chat-bots";
import { removeChatBot } from "@/server/messages/chat-bots/remove-chat-bot";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { readAttachmentBlob } from "@/server/messages/email-attachments";
import { fetchInboundMedia } from "@/server/messages/inbound-media/fetch-inbound-media";
import { connectTelegramBot } from "@/server/messages/telegram/connect-telegram-bot";
import { receiveTelegramUpdate } from "@/server/messages/telegram/receive-telegram-update";
import { createTestTenant, testTenantIds } from "@/test/factories";
import { startTelegramStandIn, telegramUpdateRequest, type TelegramStandIn } from "@/test/telegram-stand-in";

let tg: TelegramStandIn;
let seq = 0;

beforeAll(async () => {
  // Telegram wants an HTTPS webhook; the tests' APP_URL is http://localhost:3000 (the refusal is checked below).
  tg = await startTelegramStandIn({ requireHttps: false });
  vi.stubEnv("TELEGRAM_API_BASE_URL", tg.url);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await tg.close();
});

const tokenFor = (id: number) => `${id}:AAE${"x".repeat(28)}${String(id).slice(-4)}`;

async function connected() {
  const t = await createTestTenant();
  const id = 7_000_000_000 + Date.now() % 1_000_000 * 100 + seq++;
  const token = tokenFor(id);
  const username = `acme${id}_bot`;
  tg.addBot({ id, username, firstName: "Acme Support" }, token);
  const bot = await connectTelegramBot(t.actor, { token });
  const key = await createApiKey(t.actor, { name: "telegram", scopes: ["*"] as never });
  const hook = tg.webhooks.get(token)!;
  const deliver = (secret: string | null, update: unknown) => receiveTelegramUpdate(telegramUpdateRequest(hook.url, secret, update), String(id));
  const send = async (body: object) => {
    const res = await createMessageRoute.handle(new Request("http://localhost:3000/api/v1/messages", { method: "POST", headers: { authorization: `Bearer ${key.bearerToken}`, "content-type": "application/json" }, body: JSON.stringify(body) }));
    return { status: res.status, json: (await res.json()) as { id: string; status: string; error?: { message: string } } };
  };
  return { ...t, id, token, username, bot, hook, deliver, send };
}

const textUpdate = (updateId: number, chat: { id: number; type: string }, from: { id: number; username?: string }, text: string) => ({
  update_id: updateId,
  message: { message_id: updateId % 1000, from: { id: from.id, is_bot: false, first_name: "Ada", username: from.username }, chat, date: Math.floor(Date.now() / 1000), text },
});

describe("Telegram", () => {
  it("connects a bot with getMe and setWebhook (a per-bot secret, the bot's own URL), the token sealed", async () => {
    const a = await connected();
    expect(a.bot).toMatchObject({ channel: "telegram", externalId: String(a.id), name: `@${a.username}`, tokenHint: a.token.slice(-4), webhookPath: `/api/webhooks/telegram/${a.id}` });
    expect(a.hook.url).toBe(`http://localhost:3000/api/webhooks/telegram/${a.id}`);
    expect(a.hook.secretToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(a.hook.allowedUpdates).toEqual(["message"]);
    const row = await db.chatBot.findFirstOrThrow({ where: { id: a.bot.id } });
    expect(row.tokenCipher).not.toContain(a.token);
    expect(row.webhookSecretCipher).not.toContain(a.hook.secretToken);
    expect(await findChatBots(a.actor, { channel: "telegram" })).toEqual([expect.objectContaining({ id: a.bot.id })]);
    expect(await findChatBots(a.actor, { channel: "discord" })).toEqual([]);
    expect(await db.auditLog.count({ where: { tenantId: a.tenant.id, action: "telegram.bot_connected" } })).toBe(1);

    await expect(connectTelegramBot(a.actor, { token: "not a token" })).rejects.toThrow(/a bot token from @BotFather/);
    await expect(connectTelegramBot(a.actor, { token: tokenFor(123456789) })).rejects.toMatchObject({ message: expect.stringMatching(/^token: Telegram does not know this bot token/) });
    const b = await createTestTenant();
    await expect(connectTelegramBot(b.actor, { token: a.token })).rejects.toMatchObject({ message: "token: this bot is connected to another account" });
    expect(tg.webhooks.get(a.token)!.secretToken).toBe(a.hook.secretToken); // B's attempt did not move A's webhook

    // Real Telegram refuses a webhook that is not HTTPS: the account sees why.
    const strict = await startTelegramStandIn();
    try {
      vi.stubEnv("TELEGRAM_API_BASE_URL", strict.url);
      strict.addBot({ id: 5550001, username: "strict_bot" }, tokenFor(5550001));
      await expect(connectTelegramBot(b.actor, { token: tokenFor(5550001) })).rejects.toMatchObject({ message: expect.stringContaining("An HTTPS URL must be provided for webhook") });
      expect(await findChatBots(b.actor, { channel: "telegram" })).toEqual([]);
    } finally {
      vi.stubEnv("TELEGRAM_API_BASE_URL", tg.url);
      await strict.close();
    }
    expect(tg.malformed).toEqual([]);
  });

  it("refuses updates without the secret (401) or with a wrong one (403), stores a replayed update once, and keeps photos and documents as file references", async () => {
    const a = await connected();
    const b = await connected();
    const private1 = textUpdate(900_001, { id: 4242, type: "private" }, { id: 4242, username: "ada" }, "Hello bot");
    const missing = await a.deliver(null, private1);
    expect(missing.status).toBe(401);
    expect((await a.deliver("wrong-secret", private1)).status).toBe(403);
    expect((await a.deliver(b.hook.secretToken, private1)).status).toBe(403); // another bot's secret
    expect((await receiveTelegramUpdate(telegramUpdateRequest("http://x", a.hook.secretToken, private1), "999999999")).status).toBe(404);
    expect(await db.message.count({ where: { tenantId: a.tenant.id } })).toBe(0);

    expect((await a.deliver(a.hook.secretToken, private1)).status).toBe(200);
    expect((await a.deliver(a.hook.secretToken, private1)).status).toBe(200); // Telegram's redelivery
    // A group: two people, one conversation for the chat, a contact per person (identity: the Telegram user id).
    const group = { id: -1001234567890, type: "supergroup" };
    await a.deliver(a.hook.secretToken, textUpdate(900_002, group, { id: 5001 }, "Is the API down?"));
    await a.deliver(a.hook.secretToken, {
      update_id: 900_003,
      message: { message_id: 3, from: { id: 5002, is_bot: false, first_name: "Grace" }, chat: group, date: 1, caption: "screenshot", photo: [{ file_id: "small", width: 90, height: 60 }, { file_id: "big", file_unique_id: "u1", width: 1280, height: 853 }] },
    });
    await a.deliver(a.hook.secretToken, { update_id: 900_004, message: { message_id: 4, from: { id: 5002, is_bot: false, first_name: "Grace" }, chat: group, date: 1, document: { file_id: "doc1", file_name: "log.txt", mime_type: "text/plain" } } });
    // A bot's message and an edit are not inbound messages.
    await a.deliver(a.hook.secretToken, { update_id: 900_005, message: { message_id: 5, from: { id: 77, is_bot: true, first_name: "Other bot" }, chat: group, date: 1, text: "beep" } });
    await a.deliver(a.hook.secretToken, { update_id: 900_006, edited_message: { message_id: 2, from: { id: 5001, is_bot: false }, chat: group, date: 1, text: "edited" } });

    const stored = await db.message.findMany({ where: { tenantId: a.tenant.id }, orderBy: { createdAt: "asc" } });
    expect(stored.map((m) => [m.from, m.to, m.body, m.providerMessageId])).toEqual([
      ["4242", String(a.id), "Hello bot", "4242:1"],
      [String(group.id), String(a.id), "Is the API down?", `${group.id}:2`],
      [String(group.id), String(a.id), "screenshot", `${group.id}:3`],
      [String(group.id), String(a.id), "", `${group.id}:4`],
    ]);
    expect(stored.every((m) => m.channel === "TELEGRAM" && m.direction === "INBOUND" && m.provider === "telegram")).toBe(true);
    expect(stored[2]!.payload).toMatchObject({ sender_id: "5002", media: [{ kind: "photo", file_id: "big", width: 1280 }] });
    expect(stored[3]!.payload).toMatchObject({ media: [{ kind: "document", file_id: "doc1", file_name: "log.txt", mime_type: "text/plain" }] });
    const identities = await db.contactIdentity.findMany({ where: { tenantId: a.tenant.id }, select: { kind: true, value: true }, orderBy: { value: "asc" } });
    expect(identities).toEqual([
      { kind: "TELEGRAM", value: "4242" },
      { kind: "TELEGRAM", value: "5001" },
      { kind: "TELEGRAM", value: "5002" },
    ]);
    const conversations = await db.conversation.findMany({ where: { tenantId: a.tenant.id }, select: { contactAddress: true, inboxAddress: true } });
    expect(conversations.map((c) => c.contactAddress).sort()).toEqual([String(group.id), "4242"]);
    expect(await db.message.count({ where: { tenantId: b.tenant.id } })).toBe(0);
  });

  it("fetches a photo and a document with getFile and the file URL, and keeps them as the messages' encrypted attachments", async () => {
    const a = await connected();
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(1500, 3)]);
    const log = Buffer.from("2026-12-04 error: timeout\n");
    tg.addFile("tgphoto1", photo, "photos/file_7.jpg");
    tg.addFile("tgdoc1", log, "documents/file_8.txt");
    const chat = { id: 6001, type: "private" };
    const from = { id: 6001, is_bot: false, first_name: "Lin" };
    await a.deliver(a.hook.secretToken, { update_id: 910_001, message: { message_id: 1, from, chat, date: 1, caption: "broken", photo: [{ file_id: "tgphoto1", width: 800, height: 600 }] } });
    await a.deliver(a.hook.secretToken, { update_id: 910_002, message: { message_id: 2, from, chat, date: 1, document: { file_id: "tgdoc1", file_name: "app.log", mime_type: "text/plain" } } });
    await vi.waitFor(async () => expect(await db.messageAttachment.count({ where: { tenantId: a.tenant.id } })).toBe(2), { timeout: 10_000, interval: 100 });
    const rows = await db.message.findMany({ where: { tenantId: a.tenant.id }, include: { attachments: true }, orderBy: { createdAt: "asc" } });
    expect(rows[0]!.attachments[0]).toMatchObject({ filename: "file_7.jpg", contentType: "image/jpeg", sizeBytes: photo.length });
    expect(rows[1]!.attachments[0]).toMatchObject({ filename: "app.log", contentType: "text/plain", sizeBytes: log.length });
    expect(await readAttachmentBlob(rows[0]!.attachments[0]!)).toEqual(photo);
    expect(await readAttachmentBlob(rows[1]!.attachments[0]!)).toEqual(log);
    // Stored once: another pass leaves them as they are.
    await fetchInboundMedia({ tenantIds: testTenantIds() });
    expect(await db.messageAttachment.count({ where: { tenantId: a.tenant.id } })).toBe(2);
    expect(tg.malformed).toEqual([]);
  });

  it("sends text with sendMessage and media with sendPhoto/sendDocument, retries a 429 after retry_after, fails what Telegram refuses, and replies from the inbox", async () => {
    const a = await connected();
    const text = await a.send({ channel: "telegram", from: String(a.id), to: "4242", body: "Hi Ada" });
    expect(text.status).toBe(201);
    expect(text.json).toMatchObject({ channel: "telegram", status: "queued", from: String(a.id), price_micros: "0" });
    const photo = await a.send({ channel: "telegram", from: `@${a.username}`, to: "-1001234567890", body: "the chart", media_urls: ["https://cdn.example.com/chart.png"] });
    expect(photo.status).toBe(201);
    expect(photo.json.error).toBeUndefined();
    const doc = await a.send({ channel: "telegram", from: String(a.id), to: "@acme_news", media_urls: ["https://cdn.example.com/report"], media_type: "document" });
    expect(doc.status).toBe(201);
    const lost = await a.send({ channel: "telegram", from: String(a.id), to: "404", body: "nobody" });

    const badTo = await a.send({ channel: "telegram", from: String(a.id), to: "+14155550100", body: "x" });
    expect(badTo.status).toBe(400);
    expect(badTo.json.error!.message).toMatch(/\bto: a Telegram chat id/);
    const notMine = await a.send({ channel: "telegram", from: "12345678", to: "4242", body: "x" });
    expect(notMine.status).toBe(400);
    expect(notMine.json.error!.message).toMatch(/\bfrom: 12345678 is not a Telegram bot connected/);
    const twoMedia = await a.send({ channel: "telegram", from: String(a.id), to: "4242", media_urls: ["https://a.example/1.png", "https://a.example/2.png"] });
    expect(twoMedia.json.error!.message).toMatch(/media_urls: a Telegram message carries one media URL/);

    tg.rateLimitNext(1, 7);
    const before = Date.now();
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    const mine = tg.sent.filter((s) => s.token === a.token);
    expect(mine.map((s) => [s.method, s.chatId, s.text ?? null, s.media ?? null, s.caption ?? null]).sort()).toEqual(
      [
        ["sendPhoto", -1001234567890, null, "https://cdn.example.com/chart.png", "the chart"],
        ["sendDocument", "@acme_news", null, "https://cdn.example.com/report", null],
      ].sort(),
    );
    // The 429 hit the first send (the text, sent first): queued again no sooner than Telegram's retry_after.
    const throttled = await db.message.findFirstOrThrow({ where: { id: text.json.id } });
    expect(throttled).toMatchObject({ status: "QUEUED", errorMessage: "provider answered 429" });
    expect(throttled.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 7_000 - 50);
    expect(await db.message.findFirstOrThrow({ where: { id: lost.json.id } })).toMatchObject({ status: "FAILED", errorCode: 400, errorMessage: "Telegram refused the message (400: Bad Request: chat not found)" });
    const sentPhoto = await db.message.findFirstOrThrow({ where: { id: photo.json.id } });
    expect(sentPhoto).toMatchObject({ status: "SENT", provider: "telegram", from: String(a.id), providerMessageId: `-1001234567890:${mine.find((s) => s.method === "sendPhoto")!.messageId}` });

    // Pretend retry_after passed (the chat's one-a-second slot too).
    await new Promise((r) => setTimeout(r, 1_100));
    await db.message.update({ where: { id: text.json.id }, data: { nextAttemptAt: new Date() } });
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    expect(tg.sent.filter((s) => s.token === a.token && s.method === "sendMessage").map((s) => [s.chatId, s.text])).toEqual([[4242, "Hi Ada"]]);
    expect(await db.message.findFirstOrThrow({ where: { id: text.json.id } })).toMatchObject({ status: "SENT" });

    // An inbound message's conversation answers to the chat it came from, from the bot.
    await a.deliver(a.hook.secretToken, textUpdate(910_001, { id: 6006, type: "private" }, { id: 6006 }, "thanks"));
    const conversation = await db.conversation.findFirstOrThrow({ where: { tenantId: a.tenant.id, contactAddress: "6006" } });
    await replyToConversation(a.actor, { conversationId: conversation.id, body: "You're welcome" });
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    expect(tg.sent.filter((s) => s.token === a.token && s.chatId === 6006).map((s) => s.text)).toEqual(["You're welcome"]);
    expect(tg.malformed).toEqual([]);
  });

  it("disconnects with deleteWebhook; the bot's updates and messages are refused after", async () => {
    const a = await connected();
    const b = await createTestTenant();
    await expect(removeChatBot(b.actor, { chatBotId: a.bot.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await removeChatBot(a.actor, { chatBotId: a.bot.id });
    expect(tg.webhooks.has(a.token)).toBe(false);
    expect(await findChatBots(a.actor, { channel: "telegram" })).toEqual([]);
    expect((await a.deliver(a.hook.secretToken, textUpdate(920_001, { id: 1, type: "private" }, { id: 1 }, "x"))).status).toBe(404);
    const after = await a.send({ channel: "telegram", from: String(a.id), to: "4242", body: "x" });
    expect(after.status).toBe(400);
    expect(await db.auditLog.count({ where: { tenantId: a.tenant.id, action: "telegram.bot_removed" } })).toBe(1);
  });
});
