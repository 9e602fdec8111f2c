import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createMessageRoute } from "@/server/api/v1/messages";
import { db } from "@/server/db";
import { findChatBots } from "@/server/messages/chat-bots/find-chat-bots";
import { removeChatBot } from "@/server/messages/chat-bots/remove-chat-bot";
import { connectDiscordApp } from "@/server/messages/discord/connect-discord-app";
import { receiveDiscordInteraction } from "@/server/messages/discord/receive-discord-interaction";
import { verifyDiscordSignature } from "@/server/messages/providers/verify-provider-signatures";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { createTestTenant, testTenantIds } from "@/test/factories";
import { discordKeyPair, signedInteraction, startDiscordStandIn, type DiscordStandIn } from "@/test/discord-stand-in";

let discord: DiscordStandIn;
let seq = 0;

beforeAll(async () => {
  discord = await startDiscordStandIn();
  vi.stubEnv("DISCORD_API_BASE_URL", discord.url);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await discord.close();
});

const snowflake = () => `1${String(Date.now()).padStart(15, "0")}${String(seq++).padStart(3, "0")}`;

async function connected() {
  const t = await createTestTenant();
  const appId = snowflake();
  const keys = discordKeyPair();
  const botToken = `MTA${appId}.Gx${"a".repeat(20)}.${"b".repeat(30)}WXYZ`;
  discord.addApplication({ id: appId, name: "Acme Support", publicKeyHex: keys.publicKeyHex }, botToken);
  const app = await connectDiscordApp(t.actor, { applicationId: appId, publicKey: keys.publicKeyHex.toUpperCase(), botToken });
  const key = await createApiKey(t.actor, { name: "discord", scopes: ["*"] as never });
  const hook = `http://localhost:3000/api/webhooks/discord/${appId}`;
  const interact = (signer: typeof keys.privateKey | null, body: unknown, ts?: number) => receiveDiscordInteraction(signedInteraction(hook, signer, body, ts), appId);
  const send = async (body: object) => {
    const res = await createMessageRoute.handle(new Request("http://localhost:3000/api/v1/messages", { method: "POST", headers: { authorization: `Bearer ${key.bearerToken}`, "content-type": "application/json" }, body: JSON.stringify(body) }));
    return { status: res.status, json: (await res.json()) as { id: string; status: string; error?: { message: string } } };
  };
  return { ...t, appId, keys, botToken, app, interact, send };
}

const command = (id: string, appId: string, channelId: string, userId: string, text: string, guild = true) => ({
  id, application_id: appId, type: 2, token: "interaction-token", version: 1, channel_id: channelId,
  data: { id: "1100000000000000001", name: "message", type: 1, options: [{ name: "text", type: 3, value: text }] },
  ...(guild ? { guild_id: "1000000000000000777", member: { user: { id: userId, username: "ada", global_name: "Ada" } } } : { user: { id: userId, username: "ada" } }),
});

describe("Discord", () => {
  it("verifies Ed25519 over timestamp + body and refuses stale timestamps", () => {
    const keys = discordKeyPair();
    const now = 1_700_000_000;
    const req = signedInteraction("http://x", keys.privateKey, { type: 1 }, now);
    const sig = req.headers.get("x-signature-ed25519");
    expect(verifyDiscordSignature({ publicKeyHex: keys.publicKeyHex, rawBody: '{"type":1}', signature: sig, timestamp: String(now), nowSeconds: now + 5 })).toEqual({ ok: true });
    expect(verifyDiscordSignature({ publicKeyHex: keys.publicKeyHex, rawBody: '{"type":2}', signature: sig, timestamp: String(now), nowSeconds: now })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyDiscordSignature({ publicKeyHex: keys.publicKeyHex, rawBody: '{"type":1}', signature: sig, timestamp: String(now), nowSeconds: now + 301 })).toEqual({ ok: false, reason: "stale" });
    expect(verifyDiscordSignature({ publicKeyHex: keys.publicKeyHex, rawBody: '{"type":1}', signature: "zz-not-hex", timestamp: String(now), nowSeconds: now })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyDiscordSignature({ publicKeyHex: keys.publicKeyHex, rawBody: '{"type":1}', signature: null, timestamp: String(now) })).toEqual({ ok: false, reason: "unsigned" });
  });

  it("connects an application (token checked with /users/@me and /applications/@me, sealed); wrong id, key or token refused naming the field", async () => {
    const a = await connected();
    expect(a.app).toMatchObject({ channel: "discord", externalId: a.appId, name: "Acme Support", tokenHint: "WXYZ", webhookPath: `/api/webhooks/discord/${a.appId}` });
    const row = await db.chatBot.findFirstOrThrow({ where: { id: a.app.id } });
    expect(row.tokenCipher).not.toContain(a.botToken);
    expect(row.publicKey).toBe(a.keys.publicKeyHex);
    expect(await findChatBots(a.actor, { channel: "discord" })).toEqual([expect.objectContaining({ id: a.app.id })]);
    expect(await db.auditLog.count({ where: { tenantId: a.tenant.id, action: "discord.bot_connected" } })).toBe(1);

    const b = await createTestTenant();
    const other = discordKeyPair().publicKeyHex;
    await expect(connectDiscordApp(b.actor, { applicationId: a.appId, publicKey: a.keys.publicKeyHex, botToken: a.botToken })).rejects.toMatchObject({ message: "applicationId: this bot is connected to another account" });
    const id = snowflake();
    const token = `MTB${id}.Gx${"c".repeat(20)}.${"d".repeat(34)}`;
    discord.addApplication({ id, name: "Beta", publicKeyHex: a.keys.publicKeyHex }, token);
    await expect(connectDiscordApp(b.actor, { applicationId: snowflake(), publicKey: a.keys.publicKeyHex, botToken: token })).rejects.toMatchObject({ message: expect.stringMatching(/^applicationId: this bot belongs to application/) });
    await expect(connectDiscordApp(b.actor, { applicationId: id, publicKey: other, botToken: token })).rejects.toMatchObject({ message: expect.stringMatching(/^publicKey: not this application's public key/) });
    await expect(connectDiscordApp(b.actor, { applicationId: id, publicKey: other, botToken: `${token}x` })).rejects.toMatchObject({ message: "botToken: Discord does not accept this bot token" });
    await expect(connectDiscordApp(b.actor, { applicationId: "12", publicKey: other, botToken: token })).rejects.toThrow(/application id from the Developer Portal/);
    expect(await findChatBots(b.actor, { channel: "discord" })).toEqual([]);
    expect(discord.malformed).toEqual([]);
  });

  it("answers PING with PONG, refuses unsigned/bad/stale with 401, and stores a slash command once (ack type 4)", async () => {
    const a = await connected();
    const b = await connected();
    const ping = await a.interact(a.keys.privateKey, { id: snowflake(), application_id: a.appId, type: 1, token: "t", version: 1 });
    expect(ping.status).toBe(200);
    expect(JSON.parse(ping.body)).toEqual({ type: 1 });

    const cmd = command(snowflake(), a.appId, "1000000000000000100", "1000000000000000555", "Is the API down?");
    expect((await a.interact(null, cmd)).status).toBe(401);
    expect((await a.interact(b.keys.privateKey, cmd)).status).toBe(401); // another application's key
    const stale = await a.interact(a.keys.privateKey, cmd, Math.floor(Date.now() / 1000) - 600);
    expect(stale.status).toBe(401);
    expect(stale.body).toContain("stale");
    expect((await receiveDiscordInteraction(signedInteraction("http://x", a.keys.privateKey, cmd), "1999999999999999999")).status).toBe(404);
    expect(await db.message.count({ where: { tenantId: a.tenant.id } })).toBe(0);

    const ack = await a.interact(a.keys.privateKey, cmd);
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toMatchObject({ type: 4, data: { flags: 64 } });
    const replay = await a.interact(a.keys.privateKey, cmd);
    expect(JSON.parse(replay.body)).toEqual(JSON.parse(ack.body));
    // A DM command (user instead of member) from another person in another channel.
    await a.interact(a.keys.privateKey, command(snowflake(), a.appId, "1000000000000000200", "1000000000000000666", "hello from a DM", false));
    expect((await a.interact(a.keys.privateKey, { id: snowflake(), type: 5, channel_id: "1000000000000000100" })).status).toBe(400);

    const stored = await db.message.findMany({ where: { tenantId: a.tenant.id }, orderBy: { createdAt: "asc" } });
    expect(stored.map((m) => [m.channel, m.direction, m.from, m.to, m.body, m.provider])).toEqual([
      ["DISCORD", "INBOUND", "1000000000000000100", a.appId, "Is the API down?", "discord"],
      ["DISCORD", "INBOUND", "1000000000000000200", a.appId, "hello from a DM", "discord"],
    ]);
    expect(stored[0]!.payload).toMatchObject({ sender_id: "1000000000000000555", command: "message", guild_id: "1000000000000000777" });
    const identities = await db.contactIdentity.findMany({ where: { tenantId: a.tenant.id }, select: { kind: true, value: true }, orderBy: { value: "asc" } });
    expect(identities).toEqual([
      { kind: "DISCORD", value: "1000000000000000555" },
      { kind: "DISCORD", value: "1000000000000000666" },
    ]);
    expect(await db.message.count({ where: { tenantId: b.tenant.id } })).toBe(0);
  });

  it("posts to a channel with Authorization: Bot, honours a 429's retry_after, fails an unknown channel; disconnecting refuses after", async () => {
    const a = await connected();
    const ok = await a.send({ channel: "discord", from: a.appId, to: "1000000000000000100", body: "No, all systems normal. @everyone" });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ channel: "discord", status: "queued" });
    const lost = await a.send({ channel: "discord", from: a.appId, to: "10000000000000000404", body: "anyone?" });
    const badTo = await a.send({ channel: "discord", from: a.appId, to: "#general", body: "x" });
    expect(badTo.status).toBe(400);
    expect(badTo.json.error!.message).toMatch(/\bto: a Discord channel id/);
    const media = await a.send({ channel: "discord", from: a.appId, to: "1000000000000000100", media_urls: ["https://a.example/1.png"] });
    expect(media.json.error!.message).toMatch(/a Discord message is text/);
    const notMine = await a.send({ channel: "discord", from: "1000000000000000999", to: "1000000000000000100", body: "x" });
    expect(notMine.json.error!.message).toMatch(/\bfrom: 1000000000000000999 is not a Discord application connected/);

    discord.rateLimitNext(1, 6.5);
    const before = Date.now();
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    const first = await db.message.findFirstOrThrow({ where: { id: ok.json.id } });
    expect(first).toMatchObject({ status: "QUEUED", errorMessage: "provider answered 429" });
    expect(first.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 6_500 - 50);
    expect(await db.message.findFirstOrThrow({ where: { id: lost.json.id } })).toMatchObject({ status: "FAILED", errorCode: 10003, errorMessage: "Discord refused the message (404, error 10003: Unknown Channel)" });

    await new Promise((r) => setTimeout(r, 1_100));
    await db.message.update({ where: { id: ok.json.id }, data: { nextAttemptAt: new Date() } });
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    const post = discord.posts.find((p) => p.token === a.botToken)!;
    expect(post).toMatchObject({ channelId: "1000000000000000100", content: "No, all systems normal. @everyone", allowedMentions: { parse: [] } });
    expect(await db.message.findFirstOrThrow({ where: { id: ok.json.id } })).toMatchObject({ status: "SENT", provider: "discord", providerMessageId: `1000000000000000100:${post.id}` });
    expect(discord.malformed).toEqual([]);

    const b = await createTestTenant();
    await expect(removeChatBot(b.actor, { chatBotId: a.app.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await removeChatBot(a.actor, { chatBotId: a.app.id });
    expect(await findChatBots(a.actor, { channel: "discord" })).toEqual([]);
    expect((await a.interact(a.keys.privateKey, command(snowflake(), a.appId, "1000000000000000100", "1000000000000000555", "x"))).status).toBe(404);
    expect((await a.send({ channel: "discord", from: a.appId, to: "1000000000000000100", body: "x" })).status).toBe(400);
  });
});
