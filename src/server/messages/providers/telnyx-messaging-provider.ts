// Telnyx Messaging: POST /v2/messages with JSON `{ from, to, text, media_urls, webhook_url, type }` and
// `Authorization: Bearer <API key>`; 200 with `{ data: { id, … } }`, errors as `{ errors: [{ code, title, detail }] }`.
import { providerSend, type MessagingProvider, type OutboundMessage, type SendOutcome } from "./messaging-provider";

export interface TelnyxMessagingConfig {
  apiKey: string;
  /** https://api.telnyx.com unless a test points it elsewhere. */
  baseUrl: string;
  messagingProfileId?: string;
}

export function telnyxMessagingProvider(config: TelnyxMessagingConfig): MessagingProvider {
  const url = `${config.baseUrl.replace(/\/$/, "")}/v2/messages`;
  return {
    name: "telnyx",
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const payload: Record<string, unknown> = { from: message.from, to: message.to, webhook_url: message.statusCallbackUrl, type: message.channel === "MMS" ? "MMS" : "SMS" };
      if (message.body) payload.text = message.body;
      if (message.mediaUrls.length) payload.media_urls = message.mediaUrls;
      if (config.messagingProfileId) payload.messaging_profile_id = config.messagingProfileId;
      return providerSend(
        url,
        { method: "POST", headers: { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(payload) },
        (status, body) => {
          if (status === 200 || status === 201 || status === 202) {
            const id = (body as { data?: { id?: unknown } } | null)?.data?.id;
            if (typeof id === "string" && id.length > 0) return { outcome: "accepted", providerMessageId: id };
            return { outcome: "unknown", error: `Telnyx answered ${status} without a message id` };
          }
          const first = (body as { errors?: { code?: unknown; title?: unknown; detail?: unknown }[] } | null)?.errors?.[0];
          const code = first?.code === undefined ? null : Number(first.code);
          const detail = [first?.title, first?.detail].filter((s) => typeof s === "string").join(": ");
          return { outcome: "rejected", errorCode: Number.isFinite(code) ? code : null, error: detail || `Telnyx answered ${status}` };
        },
      );
    },
  };
}
