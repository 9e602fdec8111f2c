// The messaging endpoint of a connected Teams bot, /api/webhooks/teams/{appId}: every Bot Framework Activity is
// verified first (verify-bot-framework-token.ts: missing, invalid, expired, another bot's or another serviceUrl's
// token → 401). A `message` is stored as the other bots' are (storeChatBotInbound: its receipt `teams`,
// `in:{appId}:{activity id}`, so a redelivery stores it once; `from` the conversation, `to` the bot, the contact the
// sender's AAD object id), and its conversation is remembered with the serviceUrl that answers for it (replies go
// there). Other activities (conversationUpdate, typing, …) are acknowledged.
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { storeChatBotInbound } from "@/server/messages/chat-bots/store-chat-bot-inbound";
import { jsonAnswer as json, refuseAnswer as refuse, type WebhookAnswer } from "@/server/messages/webhook-answer";
import { TEAMS_APP_ID } from "./teams.schemas";
import { verifyBotFrameworkToken } from "./verify-bot-framework-token";

interface Activity {
  type?: string;
  id?: string;
  channelId?: string;
  serviceUrl?: string;
  text?: string;
  from?: { id?: string; name?: string; aadObjectId?: string };
  recipient?: { id?: string };
  conversation?: { id?: string; conversationType?: string; tenantId?: string };
  entities?: { type?: string; text?: string; mentioned?: { id?: string } }[];
}

/** The text without the bot's own @mention (Teams puts "<at>Bot</at>" in a channel message that addresses it). */
function textOf(a: Activity): string {
  let text = a.text ?? "";
  for (const e of a.entities ?? []) if (e.type === "mention" && e.text && e.mentioned?.id === a.recipient?.id) text = text.replace(e.text, "");
  return text.trim();
}

export async function receiveTeamsActivity(appIdParam: string, req: Request): Promise<WebhookAnswer> {
  const appId = appIdParam.toLowerCase();
  if (!TEAMS_APP_ID.test(appId)) return refuse(404, "NOT_FOUND", "no Teams bot here");
  const raw = await req.text();
  if (raw.length > 1024 * 1024) return refuse(413, "PAYLOAD_TOO_LARGE", "activity too large");
  let activity: Activity;
  try {
    activity = JSON.parse(raw) as Activity;
  } catch {
    activity = {};
  }
  const verdict = await verifyBotFrameworkToken({ authorization: req.headers.get("authorization"), appId, serviceUrl: activity.serviceUrl, channelId: activity.channelId });
  if (!verdict.ok) return refuse(401, "UNAUTHORIZED", verdict.message);
  const bot = await db.teamsBot.findUnique({ where: { appId }, select: { id: true, tenantId: true, appId: true, tenant: { select: { currency: true } } } });
  if (!bot) return refuse(404, "NOT_FOUND", "no account has connected this bot (Settings → Channels)");
  if (activity.type !== "message") return json(200, {});
  const conversationId = activity.conversation?.id;
  const sender = activity.from?.aadObjectId ?? activity.from?.id;
  if (!activity.id || !conversationId || !sender) return refuse(400, "VALIDATION_FAILED", "id, conversation.id and from.id: required");
  const serviceUrl = activity.serviceUrl!;
  const conversationType = activity.conversation?.conversationType ?? null;
  // Where replies to this conversation go: kept even for a redelivery (the latest serviceUrl wins).
  await db.teamsConversation.upsert({
    where: { botId_conversationId: { botId: bot.id, conversationId } },
    create: { id: newId("tmc"), tenantId: bot.tenantId, botId: bot.id, conversationId, serviceUrl, conversationType },
    update: { serviceUrl, conversationType, lastActivityAt: new Date() },
  });
  await storeChatBotInbound({
    bot: { tenantId: bot.tenantId, channel: "TEAMS", externalId: bot.appId, currency: bot.tenant.currency },
    receiptId: activity.id,
    chatId: conversationId,
    senderId: sender,
    body: textOf(activity),
    providerMessageId: activity.id,
    payload: { service_url: serviceUrl, conversation_type: conversationType, from_id: activity.from?.id ?? null, from_name: activity.from?.name ?? null, tenant_id: activity.conversation?.tenantId ?? null },
  });
  return json(200, {});
}
