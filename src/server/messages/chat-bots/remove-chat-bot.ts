// Disconnects a bot: Telegram's webhook is deleted first (deleteWebhook) so updates stop coming, then the row and
// its sealed token go. A token Telegram no longer accepts does not keep the bot connected. Another account's bot
// reads as not found.
import { recordAudit } from "@/server/audit/record-audit";
import { openSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { callTelegram } from "@/server/messages/telegram/telegram-bot-api";
import { WHATSAPP_ADMIN_ROLE as CHANNEL_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

export async function removeChatBot(actor: Actor, input: { chatBotId: string }): Promise<{ id: string }> {
  assertRole(actor, CHANNEL_ADMIN_ROLE);
  const row = await db.chatBot.findFirst({ where: { id: input.chatBotId, tenantId: actor.tenantId }, select: { id: true, channel: true, externalId: true, name: true, tokenCipher: true } });
  if (!row) throw new AppError("NOT_FOUND", "bot not found");
  if (row.channel === "TELEGRAM") {
    await callTelegram(openSecret(row.tokenCipher), "deleteWebhook", { drop_pending_updates: true }).catch((err: unknown) => logger.warn({ err, chatBotId: row.id }, "Telegram deleteWebhook failed; removing the bot anyway"));
  }
  await db.$transaction(async (tx) => {
    await tx.chatBot.deleteMany({ where: { id: row.id, tenantId: actor.tenantId } });
    await recordAudit(tx, actor, { action: `${row.channel.toLowerCase()}.bot_removed`, targetType: "chat_bot", targetId: row.id, before: { externalId: row.externalId, name: row.name }, after: null });
  });
  return { id: row.id };
}
