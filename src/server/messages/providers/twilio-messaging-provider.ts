// Twilio Programmable Messaging: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded (To, From, Body,
// MediaUrl repeated, StatusCallback), HTTP Basic AccountSid:AuthToken; 201 with the message (`sid` SM…), errors as
// `{ code, message, status }`.
import { providerSend, type MessagingProvider, type OutboundMessage, type SendOutcome } from "./messaging-provider";

export interface TwilioMessagingConfig {
  accountSid: string;
  authToken: string;
  /** https://api.twilio.com unless a test points it elsewhere. */
  baseUrl: string;
}

export function twilioMessagingProvider(config: TwilioMessagingConfig): MessagingProvider {
  const url = `${config.baseUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return {
    name: "twilio",
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const form = new URLSearchParams({ To: message.to, From: message.from });
      if (message.body) form.set("Body", message.body);
      for (const media of message.mediaUrls) form.append("MediaUrl", media);
      form.set("StatusCallback", message.statusCallbackUrl);
      return providerSend(url, { method: "POST", headers: { authorization, "content-type": "application/x-www-form-urlencoded" }, body: form.toString() }, (status, body) => {
        const b = (body ?? {}) as { sid?: unknown; code?: unknown; message?: unknown };
        if (status === 201 || status === 200) {
          if (typeof b.sid === "string" && /^(SM|MM)[0-9a-f]{32}$/i.test(b.sid)) return { outcome: "accepted", providerMessageId: b.sid };
          return { outcome: "unknown", error: `Twilio answered ${status} without a message sid` };
        }
        return { outcome: "rejected", errorCode: typeof b.code === "number" ? b.code : null, error: typeof b.message === "string" ? b.message : `Twilio answered ${status}` };
      });
    },
  };
}
