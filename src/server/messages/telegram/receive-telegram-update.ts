// Telegram's webhook at /api/webhooks/telegram/<bot id>: Telegram sends each Update as JSON with the secret_token
// given to setWebhook in X-Telegram-Bot-Api-Secret-Token (its only authentication: no signature, no timestamp).
// Missing header: 401; wrong: 403; unknown bot: 404 — all before the body is read. A `message` from a person
// (text, or a photo/document with its caption, kept as file references in the payload) is stored once per update_id
// (Telegram redelivers until it gets a 2xx). Other updates and bots' messages are acknowledged and ignored.
import { timingSafeEqual } from "node:crypto";
import { openSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { fetchInboundMedia } from "@/server/messages/inbound-media/fetch-inbound-media";
import { storeChatBotInbound } from "@/server/messages/chat-bots/store-chat-bot-inbound";
import { TELEGRAM_BOT } from "@/server/messages/chat-bots/chat-bots.schemas";
import { jsonAnswer, refuseAnswer, type WebhookAnswer } from "@/server/messages/webhook-answer";

interface PhotoSize {
  file_id: string;
  file_unique_id?: string;
  width?: number;
  height?: number;
  file_size?: number;
}

interface TelegramMessage {
  message_id?: number;
  from?: { id?: number; is_bot?: boolean; first_name?: string; last_name?: string; username?: string };
  chat?: { id?: number; type?: string; title?: string };
  date?: number;
  text?: string;
  caption?: string;
  photo?: PhotoSize[];
  document?: { file_id: string; file_unique_id?: string; file_name?: string; mime_type?: string; file_size?: number };
}

interface TelegramUpdate {
  update_id?: number;
  message?: TelegramMessage;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Photo (its largest size) and document as file references: fetch them with getFile and the bot's token. */
function mediaOf(m: TelegramMessage): Array<Record<string, unknown>> {
  const media: Array<Record<string, unknown>> = [];
  const photo = m.photo?.length ? m.photo.reduce((a, b) => ((b.width ?? 0) * (b.height ?? 0) > (a.width ?? 0) * (a.height ?? 0) ? b : a)) : null;
  if (photo) media.push({ kind: "photo", file_id: photo.file_id, file_unique_id: photo.file_unique_id ?? null, width: photo.width ?? null, height: photo.height ?? null });
  if (m.document) media.push({ kind: "document", file_id: m.document.file_id, file_unique_id: m.document.file_unique_id ?? null, file_name: m.document.file_name ?? null, mime_type: m.document.mime_type ?? null });
  return media;
}

export async function receiveTelegramUpdate(req: Request, botId: string): Promise<WebhookAnswer> {
  const given = req.headers.get("x-telegram-bot-api-secret-token");
  if (!given) return refuseAnswer(401, "UNAUTHENTICATED", "X-Telegram-Bot-Api-Secret-Token is required");
  const bot = TELEGRAM_BOT.test(botId)
    ? await db.chatBot.findUnique({ where: { channel_externalId: { channel: "TELEGRAM", externalId: botId } }, select: { tenantId: true, externalId: true, webhookSecretCipher: true, tenant: { select: { currency: true } } } })
    : null;
  if (!bot?.webhookSecretCipher) return refuseAnswer(404, "NOT_FOUND", "no connected Telegram bot has this id");
  if (!sameSecret(given, openSecret(bot.webhookSecretCipher))) return refuseAnswer(403, "FORBIDDEN", "X-Telegram-Bot-Api-Secret-Token does not match this bot's webhook secret");
  const raw = await req.text();
  if (raw.length > 1024 * 1024) return refuseAnswer(413, "PAYLOAD_TOO_LARGE", "update too large");
  let update: TelegramUpdate;
  try {
    update = JSON.parse(raw) as TelegramUpdate;
  } catch {
    return refuseAnswer(400, "VALIDATION_FAILED", "body: not JSON");
  }
  if (typeof update.update_id !== "number") return refuseAnswer(400, "VALIDATION_FAILED", "update_id: required");
  const m = update.message;
  if (!m || !m.from?.id || m.from.is_bot || m.chat?.id === undefined || m.message_id === undefined) return jsonAnswer(200, { ok: true });
  const media = mediaOf(m);
  if (m.text === undefined && !media.length) return jsonAnswer(200, { ok: true });
  const stored = await storeChatBotInbound({
    bot: { tenantId: bot.tenantId, channel: "TELEGRAM", externalId: bot.externalId, currency: bot.tenant.currency },
    receiptId: String(update.update_id),
    chatId: String(m.chat.id),
    senderId: String(m.from.id),
    body: m.text ?? m.caption ?? "",
    providerMessageId: `${m.chat.id}:${m.message_id}`,
    payload: {
      chat_type: m.chat.type ?? null, chat_title: m.chat.title ?? null, sender_username: m.from.username ?? null,
      sender_name: [m.from.first_name, m.from.last_name].filter(Boolean).join(" ") || null, media,
    },
  });
  // The files are fetched off the webhook's answer (inbound-media/fetch-inbound-media.ts); the job engine retries.
  if (stored && media.length) void fetchInboundMedia({ tenantIds: [bot.tenantId] }).catch((err: unknown) => logger.warn({ err }, "Telegram media fetch failed; the job engine retries"));
  return jsonAnswer(200, { ok: true });
}
