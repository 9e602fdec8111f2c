// WhatsApp Cloud API (Meta): POST {graph base}/{version}/{phone-number-id}/messages with a Bearer system-user token
// and Meta's JSON: { messaging_product: "whatsapp", recipient_type: "individual", to, type, <type>: {...} }.
// Text, media by link (image/document/audio/video), interactive (reply buttons, lists) and templates; the message's
// `payload` (create-whatsapp-message.ts) carries what is not plain text. Meta answers { messages: [{ id: "wamid…" }] },
// or { error: { code, message } } (e.g. 131047: outside the 24-hour customer-service window).
import { providerSend, type MessagingProvider, type OutboundMessage, type SendOutcome } from "./messaging-provider";

export interface WhatsAppConfig {
  accessToken: string;
  phoneNumberId: string;
  baseUrl: string;
  version: string;
}

export type WhatsAppMediaType = "image" | "document" | "audio" | "video";

export type WhatsAppPayload =
  | { type: "template"; template: unknown }
  | { type: "interactive"; interactive: unknown }
  | { type: "media"; mediaType: WhatsAppMediaType; filename?: string };

/** Meta's request body for one message. */
export function whatsappRequestBody(message: Pick<OutboundMessage, "to" | "body" | "mediaUrls" | "payload">): Record<string, unknown> {
  const base = { messaging_product: "whatsapp", recipient_type: "individual", to: message.to.replace(/^\+/, "") };
  const payload = message.payload as WhatsAppPayload | null | undefined;
  if (payload?.type === "template") return { ...base, type: "template", template: payload.template };
  if (payload?.type === "interactive") return { ...base, type: "interactive", interactive: payload.interactive };
  if (payload?.type === "media") {
    const media: Record<string, unknown> = { link: message.mediaUrls[0] };
    if (message.body && payload.mediaType !== "audio") media.caption = message.body;
    if (payload.mediaType === "document" && payload.filename) media.filename = payload.filename;
    return { ...base, type: payload.mediaType, [payload.mediaType]: media };
  }
  return { ...base, type: "text", text: { body: message.body, preview_url: /https?:\/\//.test(message.body) } };
}

interface MetaAnswer {
  messages?: { id?: string }[];
  error?: { code?: number; message?: string; error_data?: { details?: string } };
}

export function whatsappMessagingProvider(cfg: WhatsAppConfig): MessagingProvider {
  const url = `${cfg.baseUrl.replace(/\/$/, "")}/${cfg.version}/${encodeURIComponent(cfg.phoneNumberId)}/messages`;
  return {
    name: "whatsapp",
    send: (message) =>
      providerSend(
        url,
        { method: "POST", headers: { authorization: `Bearer ${cfg.accessToken}`, "content-type": "application/json" }, body: JSON.stringify(whatsappRequestBody(message)) },
        (status, raw): SendOutcome => {
          const body = (raw ?? {}) as MetaAnswer;
          const id = body.messages?.[0]?.id;
          if (status >= 200 && status < 300 && id) return { outcome: "accepted", providerMessageId: id };
          if (status >= 200 && status < 300) return { outcome: "unknown", error: "WhatsApp answered without a message id" };
          const detail = [body.error?.message, body.error?.error_data?.details].filter(Boolean).join(": ");
          return { outcome: "rejected", errorCode: body.error?.code ?? null, error: `WhatsApp refused the message (${status}${body.error?.code ? `, error ${body.error.code}` : ""})${detail ? `: ${detail}` : ""}` };
        },
      ),
  };
}
