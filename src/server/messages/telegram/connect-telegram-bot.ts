// Connects a Telegram bot by its BotFather token: getMe proves the token and names the bot; setWebhook points its
// updates at /api/webhooks/telegram/<bot id> with a fresh per-bot secret_token (Telegram echoes it in
// X-Telegram-Bot-Api-Secret-Token) and only `message` updates; then the token and the secret are stored sealed.
import { randomBytes } from "node:crypto";
import { env } from "@/env";
import { AppError } from "@/server/errors";
import type { ChatBotView } from "@/server/messages/chat-bots/chat-bot-view";
import { ZConnectTelegramBotInput, type TConnectTelegramBotInput } from "@/server/messages/chat-bots/chat-bots.schemas";
import { assertChatBotFree, saveChatBot } from "@/server/messages/chat-bots/save-chat-bot";
import { WHATSAPP_ADMIN_ROLE as CHANNEL_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { assertRole, type Actor } from "@/server/tenancy";
import { callTelegram, type TelegramUser } from "./telegram-bot-api";

export const telegramWebhookUrl = (botId: string) => `${env.APP_URL.replace(/\/$/, "")}/api/webhooks/telegram/${botId}`;

export async function connectTelegramBot(actor: Actor, rawInput: TConnectTelegramBotInput): Promise<ChatBotView> {
  assertRole(actor, CHANNEL_ADMIN_ROLE);
  const { token } = ZConnectTelegramBotInput.parse(rawInput);
  const me = await callTelegram<TelegramUser>(token, "getMe", {});
  if (!me?.is_bot || !me.id) throw new AppError("VALIDATION_FAILED", "token: this token does not belong to a bot");
  const bot = { channel: "TELEGRAM" as const, externalId: String(me.id), name: me.username ? `@${me.username}` : me.first_name, token };
  await assertChatBotFree(actor, bot, "token");
  // Telegram allows 1–256 characters of A–Z, a–z, 0–9, _ and -: base64url of 32 random bytes.
  const webhookSecret = randomBytes(32).toString("base64url");
  await callTelegram(token, "setWebhook", { url: telegramWebhookUrl(bot.externalId), secret_token: webhookSecret, allowed_updates: ["message"], drop_pending_updates: false });
  return saveChatBot(actor, { ...bot, webhookSecret }, "token");
}
