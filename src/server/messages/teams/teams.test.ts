// Teams end to end against real PostgreSQL and the Microsoft stand-in: connecting a bot proves its credentials with
// a client-credentials token (cached), the messaging endpoint refuses requests without a valid Bot Framework JWT
// (bad signature, another bot's audience, expired, another serviceUrl, none), stores a message once (redelivery),
// and POST /api/v1/messages reaches the conversation's serviceUrl in the connector's format, 429 retried.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createMessageRoute } from "@/server/api/v1/messages";
import { db } from "@/server/db";
import { replyToConversation } from "@/server/inbox/reply-to-conversation";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { connectTeamsBot } from "@/server/messages/teams/connect-teams-bot";
import { disconnectTeamsBot } from "@/server/messages/teams/disconnect-teams-bot";
import { findTeamsBots } from "@/server/messages/teams/find-teams-bots";
import { receiveTeamsActivity } from "@/server/messages/teams/receive-teams-activity";
import { fetchTeamsToken } from "@/server/messages/teams/teams-token";
import { createTestTenant, testTenantIds } from "@/test/factories";
import { startTeamsStandIn, teamsActivityRequest, type TeamsStandIn } from "@/test/teams-stand-in";

const BOTS = Array.from({ length: 4 }, (_, i) => ({ appId: randomUUID(), secret: `secret~value~${i}~WXYZ`, tenant: i === 3 ? "7f3e1c2a-0000-4000-8000-000000000001" : "botframework.com" }));
let ms: TeamsStandIn;

beforeAll(async () => {
  ms = await startTeamsStandIn(BOTS);
  vi.stubEnv("TEAMS_LOGIN_BASE_URL", ms.url);
  vi.stubEnv("TEAMS_OPENID_METADATA_URL", `${ms.url}/v1/.well-known/openidconfiguration`);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await ms.close();
});

async function connected(i: number) {
  const t = await createTestTenant();
  const b = BOTS[i]!;
  const bot = await connectTeamsBot(t.actor, { name: `Bot ${i}`, appId: b.appId, appTenantId: b.tenant, clientSecret: b.secret });
  const key = await createApiKey(t.actor, { name: "teams", scopes: ["*"] as never });
  return { ...t, bot, appId: b.appId, auth: `Bearer ${key.bearerToken}` };
}

const hook = (appId: string) => `http://localhost:3000/api/webhooks/teams/${appId}`;
let seq = 0;
const message = (appId: string, over: Record<string, unknown> = {}) => ({
  type: "message", id: `1700000000${seq++}`, timestamp: new Date().toISOString(), channelId: "msteams", serviceUrl: ms.serviceUrl,
  from: { id: "29:1AbCdEf-user", name: "Ada Lovelace", aadObjectId: "6b1b2c3d-aaaa-4bbb-8ccc-000000000ada" },
  conversation: { conversationType: "personal", tenantId: "7f3e1c2a-0000-4000-8000-000000000001", id: "a:1pL6Yk0AbCdEfGhIjKlMnOpQrStUvWxYz-personal-chat" },
  recipient: { id: `28:${appId}`, name: "IRISX bot" }, text: "Is the API down?", textFormat: "plain", locale: "en-US", ...over,
});

describe("Teams", () => {
  it("connects a bot by obtaining a client-credentials token (cached until expiry); refused credentials name their field", async () => {
    const a = await connected(3);
    expect(a.bot).toMatchObject({ appId: BOTS[3]!.appId, appTenantId: BOTS[3]!.tenant, secretHint: "WXYZ", messagingEndpointPath: `/api/webhooks/teams/${BOTS[3]!.appId}` });
    expect(ms.tokenRequests.at(-1)).toEqual({ tenant: BOTS[3]!.tenant, clientId: BOTS[3]!.appId });
    const row = await db.teamsBot.findUniqueOrThrow({ where: { id: a.bot.id } });
    expect(row.clientSecretCipher).not.toContain(BOTS[3]!.secret);
    const creds = { appId: BOTS[3]!.appId, appTenantId: BOTS[3]!.tenant, clientSecret: BOTS[3]!.secret };
    const before = ms.tokenRequests.length;
    const t1 = await fetchTeamsToken(creds);
    const t2 = await fetchTeamsToken(creds);
    expect(t1).toEqual(t2);
    expect(ms.tokenRequests.length).toBe(before);
    // An hour later the cached token has expired: a new one is fetched.
    expect(await fetchTeamsToken(creds, Date.now() + 3600_000)).toMatchObject({ ok: true });
    expect(ms.tokenRequests.length).toBe(before + 1);

    const b = await createTestTenant();
    const attempt = (over: object) => connectTeamsBot(b.actor, { name: "x", appId: BOTS[2]!.appId, clientSecret: BOTS[2]!.secret, ...over });
    await expect(attempt({ clientSecret: "wrong-secret-value" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/^clientSecret: Microsoft refused the credentials \(invalid_client: AADSTS7000215/) });
    await expect(attempt({ appId: randomUUID() })).rejects.toMatchObject({ message: expect.stringMatching(/^appId: .*AADSTS700016/) });
    await expect(attempt({ appTenantId: "contoso.onmicrosoft.com" })).rejects.toMatchObject({ message: expect.stringMatching(/^appTenantId: .*AADSTS90002/) });
    await expect(attempt({ appId: "not-a-guid" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(attempt({ appId: BOTS[3]!.appId, appTenantId: BOTS[3]!.tenant, clientSecret: BOTS[3]!.secret })).rejects.toMatchObject({ message: "appId: this bot is connected to another account" });
    await expect(disconnectTeamsBot(b.actor, { teamsBotId: a.bot.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findTeamsBots(b.actor)).toEqual([]);
    expect(await db.auditLog.count({ where: { tenantId: a.tenant.id, action: "teams.bot_connected" } })).toBe(1);
  });

  it("refuses activities without a valid Bot Framework JWT with 401 and stores nothing", async () => {
    const a = await connected(0);
    const act = message(a.appId);
    const post = async (token: string | null, activity: object = act) => receiveTeamsActivity(a.appId, teamsActivityRequest(hook(a.appId), token, activity));
    const refusals = {
      none: await post(null),
      garbage: await post("not.a.jwt"),
      badSignature: await post(await ms.sign(a.appId, { foreignKey: true })),
      wrongAudience: await post(await ms.sign(BOTS[1]!.appId)),
      expired: await post(await ms.sign(a.appId, { expiresInSeconds: -600 })),
      wrongIssuer: await post(await ms.sign(a.appId, { issuer: "https://sts.windows.net/x/" })),
      serviceUrlMismatch: await post(await ms.sign(a.appId, { serviceUrl: "https://smba.trafficmanager.net/emea/" })),
      // The stand-in's key is endorsed for msteams and emulator only.
      notEndorsed: await post(await ms.sign(a.appId), { ...act, channelId: "webchat" }),
    };
    for (const [name, r] of Object.entries(refusals)) expect({ name, status: r.status }).toEqual({ name, status: 401 });
    expect(refusals.expired.body).toContain("expired");
    expect(refusals.wrongAudience.body).toContain("aud");
    expect(refusals.serviceUrlMismatch.body).toContain("serviceUrl");
    expect(refusals.notEndorsed.body).toContain("not endorsed for channel webchat");
    expect(await db.message.count({ where: { tenantId: a.tenant.id } })).toBe(0);
    // A valid token for a bot no account connected: not found.
    const unknown = randomUUID();
    expect((await receiveTeamsActivity(unknown, teamsActivityRequest(hook(unknown), await ms.sign(unknown), message(unknown)))).status).toBe(404);
  });

  it("stores a message once (redelivery), ignores conversationUpdate, and replies to the conversation's serviceUrl; 429 retried", async () => {
    const a = await connected(1);
    const token = await ms.sign(a.appId);
    const act = message(a.appId, { text: "<at>IRISX bot</at> Is the API down?", entities: [{ type: "mention", text: "<at>IRISX bot</at>", mentioned: { id: `28:${a.appId}`, name: "IRISX bot" } }] });
    const receive = (activity: object) => receiveTeamsActivity(a.appId, teamsActivityRequest(hook(a.appId), token, activity));
    expect((await receive(act)).status).toBe(200);
    expect((await receive(act)).status).toBe(200); // the Bot Framework's redelivery
    const update = await receive({ ...message(a.appId), type: "conversationUpdate", membersAdded: [{ id: `28:${a.appId}` }], text: undefined });
    expect(update.status).toBe(200);
    const stored = await db.message.findMany({ where: { tenantId: a.tenant.id } });
    expect(stored).toEqual([
      expect.objectContaining({ channel: "TEAMS", direction: "INBOUND", from: act.conversation.id, to: a.appId, body: "Is the API down?", provider: "teams", providerMessageId: act.id }),
    ]);
    expect(stored[0]!.payload).toMatchObject({ sender_id: "6b1b2c3d-aaaa-4bbb-8ccc-000000000ada", service_url: ms.serviceUrl, from_id: "29:1AbCdEf-user", conversation_type: "personal" });
    expect(await db.contactIdentity.count({ where: { tenantId: a.tenant.id, kind: "TEAMS", value: "6b1b2c3d-aaaa-4bbb-8ccc-000000000ada" } })).toBe(1);

    const send = (body: object) => createMessageRoute.handle(new Request("http://localhost:3000/api/v1/messages", { method: "POST", headers: { authorization: a.auth, "content-type": "application/json" }, body: JSON.stringify(body) }));
    const unseen = await send({ channel: "teams", from: a.appId, to: "19:never-seen@thread.tacv2", body: "x" });
    expect(unseen.status).toBe(400);
    expect(((await unseen.json()) as { error: { message: string } }).error.message).toMatch(/^to: the bot has not received a message/);
    const notMine = await send({ channel: "teams", from: BOTS[0]!.appId, to: act.conversation.id, body: "x" });
    expect(notMine.status).toBe(400);
    expect(((await notMine.json()) as { error: { message: string } }).error.message).toMatch(/^from: /);
    const badFrom = await send({ channel: "teams", from: "T0SLACK", to: act.conversation.id, body: "x" });
    expect(((await badFrom.json()) as { error: { message: string } }).error.message).toMatch(/from: the Microsoft App ID/);

    ms.failNext(429);
    const ok = await send({ channel: "teams", from: a.appId.toUpperCase(), to: act.conversation.id, body: "No, all systems normal." });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ channel: "teams", status: "queued", from: a.appId, price_micros: "0" });
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    const retried = await db.message.findFirstOrThrow({ where: { tenantId: a.tenant.id, direction: "OUTBOUND" } });
    expect(retried).toMatchObject({ status: "QUEUED", attempts: 1 });
    // Past the backoff (and the conversation's one-a-second slot): the retry goes out.
    await new Promise((r) => setTimeout(r, 1_100));
    await db.message.update({ where: { id: retried.id }, data: { nextAttemptAt: new Date() } });
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    const posted = ms.posts.find((p) => p.conversationId === act.conversation.id && p.body.text === "No, all systems normal.")!;
    expect(posted).toMatchObject({ region: "amer", body: { type: "message", text: "No, all systems normal." } });
    expect(posted.token).toMatch(new RegExp(`^eyJ\\.stand-in\\.${a.appId}\\.`));
    const sent = await db.message.findUniqueOrThrow({ where: { id: retried.id } });
    expect(sent).toMatchObject({ status: "SENT", provider: "teams", attempts: 2 });
    expect(sent.providerMessageId).toMatch(/^1:\d+$/);
    expect(ms.malformed).toEqual([]);

    // An agent's answer from the inbox: the bot posts in the conversation, and the reply joins the inbox conversation.
    const conversationId = stored[0]!.conversationId!;
    const reply = await replyToConversation(a.actor, { conversationId, body: "We are on it." });
    expect(reply).toMatchObject({ channel: "TEAMS", from: a.appId, to: act.conversation.id });
    expect((await db.message.findUniqueOrThrow({ where: { id: reply.id } })).conversationId).toBe(conversationId);
    await vi.waitFor(
      async () => {
        await runMessageSender({ deadlineMs: 1_000, tenantIds: testTenantIds() });
        expect(ms.posts.filter((p) => p.conversationId === act.conversation.id).map((p) => p.body.text)).toEqual(["No, all systems normal.", "We are on it."]);
      },
      { timeout: 5_000, interval: 250 },
    );

    // A conversation whose connector refuses the message for good: failed.
    await db.teamsConversation.updateMany({ where: { tenantId: a.tenant.id }, data: { serviceUrl: `${ms.url}/nowhere/x/` } });
    await send({ channel: "teams", from: a.appId, to: act.conversation.id, body: "Lost" });
    await new Promise((r) => setTimeout(r, 1_100));
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    expect(await db.message.findFirstOrThrow({ where: { tenantId: a.tenant.id, body: "Lost" } })).toMatchObject({ status: "FAILED", errorMessage: expect.stringContaining("Teams refused the message (404") });
    ms.malformed.length = 0;

    await disconnectTeamsBot(a.actor, { teamsBotId: a.bot.id });
    expect(await findTeamsBots(a.actor)).toEqual([]);
    expect(await db.teamsConversation.count({ where: { tenantId: a.tenant.id } })).toBe(0);
  });
});
