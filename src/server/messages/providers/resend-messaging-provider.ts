// Resend (email): POST /emails with JSON `{ from, to, subject, html, text, cc, bcc, headers, attachments }` and
// `Authorization: Bearer <API key>`; `Idempotency-Key` (our message id) makes a retry of the same request answer the
// first answer without sending again. 200 with `{ id }`; errors as `{ statusCode, name, message }`.
import { providerSend, type MessagingProvider, type OutboundMessage, type SendOutcome } from "./messaging-provider";

export interface ResendMessagingConfig {
  apiKey: string;
  /** https://api.resend.com unless a test points it elsewhere. */
  baseUrl: string;
}

export function resendMessagingProvider(config: ResendMessagingConfig): MessagingProvider {
  const url = `${config.baseUrl.replace(/\/$/, "")}/emails`;
  return {
    name: "resend",
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const email = message.email;
      if (!email) return { outcome: "rejected", errorCode: null, error: "not an email message" };
      const headers: Record<string, string> = { "Message-ID": email.messageIdHeader };
      if (email.inReplyTo) headers["In-Reply-To"] = email.inReplyTo;
      if (email.references.length) headers.References = email.references.join(" ");
      const payload: Record<string, unknown> = { from: message.from, to: [message.to], subject: email.subject, headers };
      if (message.body) payload.text = message.body;
      if (email.html) payload.html = email.html;
      if (email.cc.length) payload.cc = email.cc;
      if (email.bcc.length) payload.bcc = email.bcc;
      if (email.attachments.length) {
        payload.attachments = email.attachments.map((a) => (a.content !== undefined ? { filename: a.filename, content: a.content, content_type: a.contentType } : { filename: a.filename, path: a.path }));
      }
      return providerSend(
        url,
        {
          method: "POST",
          headers: { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json", accept: "application/json", "idempotency-key": message.id },
          body: JSON.stringify(payload),
        },
        (status, body) => {
          const b = (body ?? {}) as { id?: unknown; statusCode?: unknown; name?: unknown; message?: unknown };
          if (status === 200 || status === 201) {
            if (typeof b.id === "string" && b.id.length > 0) return { outcome: "accepted", providerMessageId: b.id };
            return { outcome: "unknown", error: `Resend answered ${status} without an email id` };
          }
          const detail = [b.name, b.message].filter((s) => typeof s === "string").join(": ");
          return { outcome: "rejected", errorCode: null, error: detail || `Resend answered ${status}` };
        },
      );
    },
  };
}
