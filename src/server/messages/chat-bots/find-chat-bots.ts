import { db } from "@/server/db";
import { WHATSAPP_ADMIN_ROLE as CHANNEL_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { assertRole, type Actor } from "@/server/tenancy";
import { CHAT_BOT_SELECT, toChatBotView, type ChatBotView } from "./chat-bot-view";
import { chatBotChannelEnum, type ChatBotChannelName } from "./chat-bots.schemas";

/** The account's connected bots of one channel (Telegram bots, Discord applications). */
export async function findChatBots(actor: Actor, input: { channel: ChatBotChannelName }): Promise<ChatBotView[]> {
  assertRole(actor, CHANNEL_ADMIN_ROLE);
  const rows = await db.chatBot.findMany({ where: { tenantId: actor.tenantId, channel: chatBotChannelEnum(input.channel) }, select: CHAT_BOT_SELECT, orderBy: { createdAt: "asc" } });
  return rows.map(toChatBotView);
}
