// Asking a number's SMS handler about an inbound message the way Twilio does: the form parameters MessageSid,
// SmsSid, AccountSid, From, To, Body, NumMedia, MediaUrl0…, NumSegments (and OptOutType for keywords), signed with
// X-Twilio-Signature and the account's auth token; its answer's TwiML <Message> verbs are the replies.
import { getTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { signTwilioRequest } from "@/server/calls/callbacks/sign-twilio-request";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import type { MessageView } from "@/server/messages/message-view";
import { parseMessagingTwiml, type TwimlReply } from "@/server/messages/parse-messaging-twiml";
import type { KeywordAction } from "@/server/messages/opt-out-keywords";
import { postWebhookRequest } from "@/server/webhooks/post-webhook-request";
import type { HostResolver } from "@/server/webhooks/ssrf-guard";

const OPT_OUT_TYPE: Record<KeywordAction, string> = { opt_out: "STOP", opt_in: "START", help: "HELP" };

export async function forwardInboundMessage(
  message: MessageView,
  opts: { url: string; method: string; optOut: KeywordAction | null; resolve?: HostResolver },
): Promise<TwimlReply[]> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: message.tenantId }, select: { accountSid: true } });
  const authToken = await getTenantAuthToken(message.tenantId);
  const params: Record<string, string> = {
    MessageSid: message.id, SmsSid: message.id, SmsMessageSid: message.id, AccountSid: tenant.accountSid, From: message.from, To: message.to,
    Body: message.body, NumMedia: String(message.mediaUrls.length), NumSegments: String(message.numSegments), SmsStatus: "received", ApiVersion: "2010-04-01",
  };
  message.mediaUrls.forEach((url, i) => (params[`MediaUrl${i}`] = url));
  if (opts.optOut) params.OptOutType = OPT_OUT_TYPE[opts.optOut];
  const get = opts.method.toUpperCase() === "GET";
  let url = opts.url;
  if (get) {
    const u = new URL(opts.url);
    for (const [k, v] of Object.entries(params)) u.searchParams.append(k, v);
    url = u.toString();
  }
  const res = await postWebhookRequest({
    url,
    method: get ? "GET" : "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
      "X-Twilio-Signature": get ? signTwilioRequest(authToken, url) : signTwilioRequest(authToken, url, params),
      "I-Twilio-Idempotency-Token": message.id,
      "User-Agent": "TwilioProxy/1.1",
    },
    body: get ? "" : new URLSearchParams(params).toString(),
    resolve: opts.resolve,
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 15_000,
    maxResponseBytes: 64 * 1024,
  });
  if (res.statusCode === null || res.statusCode >= 400) {
    logger.warn({ messageId: message.id, url: opts.url, status: res.statusCode, error: res.error }, "the number's SMS handler failed");
    return [];
  }
  return parseMessagingTwiml(res.responseBody ?? "");
}
