// Slack's Events API at /api/webhooks/slack, verified before anything is read (X-Slack-Signature v0 over
// `v0:{X-Slack-Request-Timestamp}:{raw body}` with SLACK_SIGNING_SECRET; unsigned or bad: 403; more than five minutes
// off: 403 stale). url_verification echoes the challenge; an event_callback `message` (a person's, not a bot's or an
// edit) in a workspace an account installed is stored through storeInboundMessage in the transaction that records
// its receipt (`slack`, `in:{event_id}`): Slack's retries store it once.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { storeInboundMessage } from "@/server/messages/store-inbound-message";
import { verifySlackSignature } from "@/server/messages/providers/verify-provider-signatures";
import { jsonAnswer as json, refuseAnswer as refuse, type WebhookAnswer } from "@/server/messages/webhook-answer";
import { slackEnv } from "./slack.schemas";

export type SlackAnswer = WebhookAnswer;

interface SlackEnvelope {
  type?: string;
  challenge?: string;
  team_id?: string;
  event_id?: string;
  event?: { type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; channel?: string; ts?: string; thread_ts?: string; channel_type?: string };
}

export async function receiveSlackEvent(req: Request): Promise<SlackAnswer> {
  const raw = await req.text();
  if (raw.length > 1024 * 1024) return refuse(413, "PAYLOAD_TOO_LARGE", "event body too large");
  const secret = slackEnv().SLACK_SIGNING_SECRET;
  if (!secret) return refuse(503, "UNAVAILABLE", "Slack events are not configured (SLACK_SIGNING_SECRET)");
  const verdict = verifySlackSignature({ signingSecret: secret, rawBody: raw, signature: req.headers.get("x-slack-signature"), timestamp: req.headers.get("x-slack-request-timestamp") });
  if (!verdict.ok) {
    const why = verdict.reason === "unsigned" ? "unsigned request: X-Slack-Signature and X-Slack-Request-Timestamp are required" : verdict.reason === "stale" ? "stale request: X-Slack-Request-Timestamp is more than 5 minutes off" : "X-Slack-Signature does not match";
    return refuse(403, "FORBIDDEN", why);
  }
  let env: SlackEnvelope;
  try {
    env = JSON.parse(raw) as SlackEnvelope;
  } catch {
    return refuse(400, "VALIDATION_FAILED", "body: not JSON");
  }
  if (env.type === "url_verification") return json(200, { challenge: env.challenge ?? "" });
  if (env.type !== "event_callback") return json(200, { ok: true });
  const ev = env.event;
  if (!env.event_id || !env.team_id) return refuse(400, "VALIDATION_FAILED", "event_id and team_id: required");
  // People's new messages only: the bot's own posts, edits and deletions are not inbound messages.
  if (ev?.type !== "message" || ev.subtype || ev.bot_id || !ev.user || !ev.channel || !ev.ts) return json(200, { ok: true });
  const ws = await db.slackWorkspace.findUnique({ where: { teamId: env.team_id }, select: { tenantId: true, teamId: true, tenant: { select: { currency: true } } } });
  if (!ws) return json(200, { ok: true });
  await db.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO "MessagingWebhookReceipt" (provider, "eventKey", "receivedAt") VALUES ('slack', ${`in:${env.event_id}`}, (now() AT TIME ZONE 'UTC')) ON CONFLICT DO NOTHING`;
    if (inserted === 0) return;
    await storeInboundMessage(
      tx,
      {
        tenantId: ws.tenantId, channel: "SLACK", from: ev.user!, to: ev.channel!, body: ev.text ?? "", mediaUrls: [], provider: "slack", providerMessageId: `${ev.channel}:${ev.ts}`,
        payload: { type: "slack", team_id: ws.teamId, channel_type: ev.channel_type ?? null, thread_ts: ev.thread_ts ?? null } as Prisma.InputJsonValue, numSegments: 1, priceMicros: 0n, currency: ws.tenant.currency, charged: true,
      },
      { slack_team_id: ws.teamId },
    );
  });
  return json(200, { ok: true });
}
