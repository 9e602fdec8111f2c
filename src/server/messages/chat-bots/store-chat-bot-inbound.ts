// An inbound message to a connected bot (a Telegram update, a Discord slash command, a Teams activity), stored through
// storeInboundMessage in the transaction that records its receipt (provider, `in:<bot>:<update or interaction id>`):
// a replay stores nothing the second time. `from` is the chat (where replies go), the contact is the person.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { storeInboundMessage } from "@/server/messages/store-inbound-message";

export interface ChatBotInbound {
  bot: { tenantId: string; channel: "TELEGRAM" | "DISCORD" | "TEAMS"; externalId: string; currency: string };
  /** The provider's id of this delivery: Telegram's update_id, Discord's interaction id, a Teams activity's id. */
  receiptId: string;
  chatId: string;
  senderId: string;
  body: string;
  providerMessageId: string;
  payload: Record<string, unknown>;
}

/** True when stored now, false when it was a replay. */
export async function storeChatBotInbound(m: ChatBotInbound): Promise<boolean> {
  const provider = m.bot.channel.toLowerCase();
  return db.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO "MessagingWebhookReceipt" (provider, "eventKey", "receivedAt") VALUES (${provider}, ${`in:${m.bot.externalId}:${m.receiptId}`}, (now() AT TIME ZONE 'UTC')) ON CONFLICT DO NOTHING`;
    if (inserted === 0) return false;
    await storeInboundMessage(
      tx,
      {
        tenantId: m.bot.tenantId, channel: m.bot.channel, from: m.chatId, to: m.bot.externalId, body: m.body, mediaUrls: [], provider, providerMessageId: m.providerMessageId,
        payload: { type: provider, sender_id: m.senderId, ...m.payload } as Prisma.InputJsonValue, numSegments: 1, priceMicros: 0n, currency: m.bot.currency, charged: true,
      },
      { [`${provider}_bot_id`]: m.bot.externalId, [`${provider}_sender_id`]: m.senderId },
      { contactIdentity: m.senderId },
    );
    return true;
  });
}
