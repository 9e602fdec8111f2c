// Slack end to end against real PostgreSQL and the Web API stand-in: install by OAuth v2 (the sealed state, the
// token stored sealed), Events API signatures (unsigned, bad and stale refused), url_verification, a person's
// message stored once (Slack's retry), and chat.postMessage in Slack's documented format.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createMessageRoute } from "@/server/api/v1/messages";
import { db } from "@/server/db";
import { replyToConversation } from "@/server/inbox/reply-to-conversation";
import { verifySlackSignature } from "@/server/messages/providers/verify-provider-signatures";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { completeSlackInstall } from "@/server/messages/slack/complete-slack-install";
import { findSlackWorkspaces } from "@/server/messages/slack/find-slack-workspaces";
import { receiveSlackEvent } from "@/server/messages/slack/receive-slack-event";
import { removeSlackWorkspace } from "@/server/messages/slack/remove-slack-workspace";
import { startSlackInstall } from "@/server/messages/slack/start-slack-install";
import { createTestTenant, testTenantIds } from "@/test/factories";
import { signedSlackEvent, startSlackStandIn, type SlackStandIn } from "@/test/slack-stand-in";

const SIGNING = "slack-signing-secret-for-tests";
const HOOK = "http://localhost:3000/api/webhooks/slack";
let slack: SlackStandIn;
let seq = 0;

beforeAll(async () => {
  slack = await startSlackStandIn({ clientId: "111.222", clientSecret: "slack-client-secret" });
  vi.stubEnv("SLACK_API_BASE_URL", slack.url);
  vi.stubEnv("SLACK_CLIENT_ID", "111.222");
  vi.stubEnv("SLACK_CLIENT_SECRET", "slack-client-secret");
  vi.stubEnv("SLACK_SIGNING_SECRET", SIGNING);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await slack.close();
});

async function installed() {
  const t = await createTestTenant();
  const teamId = `T${Date.now().toString(36).toUpperCase()}${seq++}`;
  const { url } = startSlackInstall(t.actor);
  const state = new URL(url).searchParams.get("state")!;
  const token = `xoxb-test-${teamId}-ABCD`;
  const ws = await completeSlackInstall({ code: slack.issueCode({ id: teamId, name: "Acme HQ" }, token), state });
  const key = await createApiKey(t.actor, { name: "slack", scopes: ["*"] as never });
  return { ...t, ws, teamId, token, auth: `Bearer ${key.bearerToken}` };
}

const event = (teamId: string, id: string, ev: object) => ({ token: "x", team_id: teamId, api_app_id: "A0APP", type: "event_callback", event_id: id, event_time: 1, event: ev });

describe("Slack", () => {
  it("verifies v0 signatures and refuses stale timestamps", () => {
    const now = 1_700_000_000;
    const req = signedSlackEvent(HOOK, SIGNING, { a: 1 }, now);
    const sig = req.headers.get("x-slack-signature");
    expect(verifySlackSignature({ signingSecret: SIGNING, rawBody: '{"a":1}', signature: sig, timestamp: String(now), nowSeconds: now + 10 })).toEqual({ ok: true });
    expect(verifySlackSignature({ signingSecret: SIGNING, rawBody: '{"a":2}', signature: sig, timestamp: String(now), nowSeconds: now })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySlackSignature({ signingSecret: SIGNING, rawBody: '{"a":1}', signature: sig, timestamp: String(now), nowSeconds: now + 301 })).toEqual({ ok: false, reason: "stale" });
    expect(verifySlackSignature({ signingSecret: SIGNING, rawBody: '{"a":1}', signature: null, timestamp: String(now) })).toEqual({ ok: false, reason: "unsigned" });
  });

  it("installs by OAuth v2 with the bot token sealed; a forged state or another account's workspace is refused", async () => {
    const a = await installed();
    expect(a.ws).toMatchObject({ teamId: a.teamId, teamName: "Acme HQ", botUserId: "U0BOT0001", tokenHint: "ABCD" });
    const row = await db.slackWorkspace.findUniqueOrThrow({ where: { id: a.ws.id } });
    expect(row.botTokenCipher).not.toContain(a.token);
    expect(await findSlackWorkspaces(a.actor)).toEqual([expect.objectContaining({ id: a.ws.id })]);
    await expect(completeSlackInstall({ code: slack.issueCode({ id: "TFORGED", name: "x" }, "xoxb-f"), state: "not-a-sealed-state" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const b = await createTestTenant();
    const bState = new URL(startSlackInstall(b.actor).url).searchParams.get("state")!;
    await expect(completeSlackInstall({ code: slack.issueCode({ id: a.teamId, name: "Acme HQ" }, "xoxb-b"), state: bState })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(completeSlackInstall({ code: "unknown-code", state: bState })).rejects.toMatchObject({ message: expect.stringContaining("invalid_code") });
    await expect(removeSlackWorkspace(b.actor, { slackWorkspaceId: a.ws.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.auditLog.count({ where: { tenantId: a.tenant.id, action: "slack.workspace_installed" } })).toBe(1);
  });

  it("answers url_verification, stores a person's message once, refuses unsigned/bad/stale, and replies with chat.postMessage", async () => {
    const a = await installed();
    const challenge = await receiveSlackEvent(signedSlackEvent(HOOK, SIGNING, { token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" }));
    expect(challenge.status).toBe(200);
    expect(JSON.parse(challenge.body)).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    const msg = event(a.teamId, `Ev${seq++}AAA`, { type: "message", channel: "C0GENERAL", user: "U0ADA", text: "Is the API down?", ts: "1700000000.000100", channel_type: "channel" });
    expect((await receiveSlackEvent(signedSlackEvent(HOOK, null, msg))).status).toBe(403);
    expect((await receiveSlackEvent(signedSlackEvent(HOOK, "wrong", msg))).status).toBe(403);
    const stale = await receiveSlackEvent(signedSlackEvent(HOOK, SIGNING, msg, Math.floor(Date.now() / 1000) - 600));
    expect(stale.status).toBe(403);
    expect(stale.body).toContain("stale");
    expect(await db.message.count({ where: { tenantId: a.tenant.id } })).toBe(0);
    expect((await receiveSlackEvent(signedSlackEvent(HOOK, SIGNING, msg))).status).toBe(200);
    expect((await receiveSlackEvent(signedSlackEvent(HOOK, SIGNING, msg))).status).toBe(200); // Slack's retry
    // The bot's own post and an edit are not inbound messages.
    await receiveSlackEvent(signedSlackEvent(HOOK, SIGNING, event(a.teamId, `Ev${seq++}BOT`, { type: "message", channel: "C0GENERAL", bot_id: "B01", text: "bot", ts: "1.2" })));
    await receiveSlackEvent(signedSlackEvent(HOOK, SIGNING, event(a.teamId, `Ev${seq++}EDIT`, { type: "message", subtype: "message_changed", channel: "C0GENERAL", ts: "1.3" })));
    const stored = await db.message.findMany({ where: { tenantId: a.tenant.id } });
    expect(stored).toEqual([expect.objectContaining({ channel: "SLACK", direction: "INBOUND", from: "U0ADA", to: "C0GENERAL", body: "Is the API down?", provider: "slack", providerMessageId: "C0GENERAL:1700000000.000100" })]);

    const send = (body: object) => createMessageRoute.handle(new Request("http://localhost:3000/api/v1/messages", { method: "POST", headers: { authorization: a.auth, "content-type": "application/json" }, body: JSON.stringify(body) }));
    const ok = await send({ channel: "slack", from: a.teamId, to: "C0GENERAL", body: "No, all systems normal." });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ channel: "slack", status: "queued", price_micros: "0" });
    const badTo = await send({ channel: "slack", from: a.teamId, to: "+14155550100", body: "x" });
    expect(badTo.status).toBe(400);
    expect(((await badTo.json()) as { error: { message: string } }).error.message).toMatch(/\bto: a Slack conversation id/);
    const notMine = await send({ channel: "slack", from: "TNOTOURS", to: "C0GENERAL", body: "x" });
    expect(notMine.status).toBe(400);
    expect(((await notMine.json()) as { error: { message: string } }).error.message).toMatch(/^from: /);
    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    const post = slack.posts.find((p) => p.token === a.token)!;
    expect(post).toMatchObject({ channel: "C0GENERAL", text: "No, all systems normal." });
    expect(await db.message.findFirstOrThrow({ where: { tenantId: a.tenant.id, direction: "OUTBOUND" } })).toMatchObject({ status: "SENT", provider: "slack", providerMessageId: `C0GENERAL:${post.ts}` });
    expect(slack.malformed).toEqual([]);

    // An agent's answer from the inbox: the workspace posts in the person's channel, and it joins the conversation.
    const conversationId = stored[0]!.conversationId!;
    expect(conversationId).toBeTruthy();
    const reply = await replyToConversation(a.actor, { conversationId, body: "We are on it." });
    expect(reply).toMatchObject({ channel: "SLACK", from: a.teamId, to: "C0GENERAL" });
    expect((await db.message.findUniqueOrThrow({ where: { id: reply.id } })).conversationId).toBe(conversationId);
    // Paced as Slack asks (a message a second per channel): sent once its slot comes.
    await vi.waitFor(
      async () => {
        await runMessageSender({ deadlineMs: 1_000, tenantIds: testTenantIds() });
        expect(slack.posts.filter((p) => p.token === a.token).map((p) => p.text)).toEqual(["No, all systems normal.", "We are on it."]);
      },
      { timeout: 5_000, interval: 250 },
    );

    // A person writing in a thread is answered in it, from the inbox and through the API (thread_ts).
    const inThread = event(a.teamId, `Ev${seq++}THR`, { type: "message", channel: "C0GENERAL", user: "U0ADA", text: "Still down?", ts: "1700000100.000200", thread_ts: "1700000000.000100" });
    expect((await receiveSlackEvent(signedSlackEvent(HOOK, SIGNING, inThread))).status).toBe(200);
    await replyToConversation(a.actor, { conversationId, body: "Fixed now." });
    const viaApi = await send({ channel: "slack", from: a.teamId, to: "C0GENERAL", body: "Postmortem soon.", thread_ts: "1700000000.000100" });
    expect(viaApi.status).toBe(201);
    const notSlack = await send({ channel: "sms", from: "+14155550100", to: "+14155550101", body: "x", thread_ts: "1700000000.000100" });
    expect(((await notSlack.json()) as { error: { message: string } }).error.message).toMatch(/thread_ts: only a Slack message/);
    await vi.waitFor(
      async () => {
        await runMessageSender({ deadlineMs: 1_000, tenantIds: testTenantIds() });
        const threaded = slack.posts.filter((p) => p.token === a.token && p.threadTs === "1700000000.000100").map((p) => p.text);
        expect(threaded.sort()).toEqual(["Fixed now.", "Postmortem soon."]);
      },
      { timeout: 8_000, interval: 250 },
    );
    expect(slack.malformed).toEqual([]);

    await removeSlackWorkspace(a.actor, { slackWorkspaceId: a.ws.id });
    expect(await findSlackWorkspaces(a.actor)).toEqual([]);
  });
});
