// Stores a bot a tenant connected (its token and webhook secret sealed), or replaces the token of one it already
// had. A bot another account connected is refused naming `field`: its webhooks can belong to one account only.
import { recordAudit } from "@/server/audit/record-audit";
import { sealSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";
import { CHAT_BOT_SELECT, toChatBotView, type ChatBotView } from "./chat-bot-view";

export interface ConnectedBot {
  channel: "TELEGRAM" | "DISCORD";
  externalId: string;
  name: string;
  token: string;
  webhookSecret?: string;
  publicKey?: string;
}

/** Whether another account already connected this bot: checked before any call that changes the bot at the provider. */
export async function assertChatBotFree(actor: Actor, bot: Pick<ConnectedBot, "channel" | "externalId">, field: string): Promise<void> {
  const existing = await db.chatBot.findUnique({ where: { channel_externalId: { channel: bot.channel, externalId: bot.externalId } }, select: { tenantId: true } });
  if (existing && existing.tenantId !== actor.tenantId) throw fieldError(field, "this bot is connected to another account");
}

export async function saveChatBot(actor: Actor, bot: ConnectedBot, field: string): Promise<ChatBotView> {
  const row = await db.$transaction(async (tx) => {
    const existing = await tx.chatBot.findUnique({ where: { channel_externalId: { channel: bot.channel, externalId: bot.externalId } }, select: { id: true, tenantId: true, name: true } });
    if (existing && existing.tenantId !== actor.tenantId) throw fieldError(field, "this bot is connected to another account");
    const data = {
      name: bot.name, tokenCipher: sealSecret(bot.token), hint: bot.token.slice(-4),
      webhookSecretCipher: bot.webhookSecret ? sealSecret(bot.webhookSecret) : null, publicKey: bot.publicKey ?? null,
    };
    const saved = existing
      ? await tx.chatBot.update({ where: { id: existing.id }, data, select: CHAT_BOT_SELECT })
      : await tx.chatBot.create({ data: { id: newId("bot"), tenantId: actor.tenantId, channel: bot.channel, externalId: bot.externalId, ...data }, select: CHAT_BOT_SELECT });
    const kind = bot.channel.toLowerCase();
    await recordAudit(tx, actor, {
      action: existing ? `${kind}.bot_updated` : `${kind}.bot_connected`,
      targetType: "chat_bot",
      targetId: saved.id,
      before: existing ? { name: existing.name } : null,
      after: { externalId: bot.externalId, name: bot.name, hint: data.hint },
    });
    return saved;
  });
  return toChatBotView(row);
}
