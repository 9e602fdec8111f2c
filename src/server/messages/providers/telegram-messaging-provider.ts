// Telegram Bot API: POST {base}/bot<token>/<method> with JSON. Text: sendMessage { chat_id, text }; media by URL
// (Telegram fetches it): sendPhoto { chat_id, photo, caption }, sendDocument { chat_id, document, caption }, and
// sendAudio / sendVideo alike. Telegram answers { ok: true, result: Message } (the message's id is chat:message_id),
// or { ok: false, error_code, description }; 429 carries parameters.retry_after (seconds) in the body. Telegram
// reports no delivery or read receipts for bots, so a message ends at `sent`.
import type { WhatsAppMediaType } from "./whatsapp-messaging-provider";
import { providerSend, secondsToMs, type MessagingProvider, type OutboundMessage, type SendOutcome } from "./messaging-provider";

export type TelegramPayload = { type: "media"; mediaType: WhatsAppMediaType } | null;

const MEDIA_METHOD: Record<WhatsAppMediaType, { method: string; field: string }> = {
  image: { method: "sendPhoto", field: "photo" },
  document: { method: "sendDocument", field: "document" },
  audio: { method: "sendAudio", field: "audio" },
  video: { method: "sendVideo", field: "video" },
};

/** The Bot API method and JSON body for one message. */
export function telegramRequest(message: Pick<OutboundMessage, "to" | "body" | "mediaUrls" | "payload">): { method: string; body: Record<string, unknown> } {
  const chatId = /^-?\d+$/.test(message.to) ? Number(message.to) : message.to;
  const payload = message.payload as TelegramPayload | undefined;
  const url = message.mediaUrls[0];
  if (url) {
    const kind = MEDIA_METHOD[payload?.type === "media" ? payload.mediaType : "document"];
    return { method: kind.method, body: { chat_id: chatId, [kind.field]: url, ...(message.body ? { caption: message.body } : {}) } };
  }
  return { method: "sendMessage", body: { chat_id: chatId, text: message.body } };
}

interface TelegramSendAnswer {
  ok?: boolean;
  result?: { message_id?: number; chat?: { id?: number } };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

export function telegramMessagingProvider(cfg: { botToken: string; baseUrl: string }): MessagingProvider {
  const base = `${cfg.baseUrl.replace(/\/$/, "")}/bot${cfg.botToken}`;
  return {
    name: "telegram",
    send: (message) => {
      const req = telegramRequest(message);
      return providerSend(
        `${base}/${req.method}`,
        { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(req.body) },
        (status, raw): SendOutcome => {
          const body = (raw ?? {}) as TelegramSendAnswer;
          const id = body.result?.message_id;
          if (status === 200 && body.ok && id !== undefined) return { outcome: "accepted", providerMessageId: `${body.result?.chat?.id ?? message.to}:${id}` };
          if (status === 200 && body.ok) return { outcome: "unknown", error: "Telegram answered without a message id" };
          return { outcome: "rejected", errorCode: body.error_code ?? null, error: `Telegram refused the message (${status}${body.description ? `: ${body.description}` : ""})` };
        },
        { retryAfterFromBody: (raw) => secondsToMs((raw as TelegramSendAnswer | null)?.parameters?.retry_after) },
      );
    },
  };
}
