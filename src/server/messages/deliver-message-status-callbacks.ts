// A message's statusCallback, in the form of the API that created it: Twilio's (form-encoded MessageSid,
// MessageStatus, … signed with X-Twilio-Signature and the account's auth token) or IRISX's (JSON, IRISX-Signature).
// Sent after the change committed, with one retry; a receiver that is down misses the callback, and the message's
// status (the API, the message.* webhook events, which are durable) stays the record.
import { getTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { signTwilioRequest } from "@/server/calls/callbacks/sign-twilio-request";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { toMessageResource, type MessageView } from "@/server/messages/message-view";
import { statusName } from "@/server/messages/messages.schemas";
import { postWebhookRequest } from "@/server/webhooks/post-webhook-request";
import { signWebhookPayload } from "@/server/webhooks/sign-webhook-payload";
import type { HostResolver } from "@/server/webhooks/ssrf-guard";

export interface MessageCallbackOptions {
  resolve?: HostResolver;
  retryDelayMs?: number;
}

async function deliverOne(m: MessageView, accountSid: string, opts: MessageCallbackOptions): Promise<void> {
  const url = m.statusCallbackUrl!;
  const authToken = await getTenantAuthToken(m.tenantId);
  let headers: Record<string, string>;
  let body: string;
  if (m.apiSurface === "twilio") {
    const status = statusName(m.status);
    const params: Record<string, string> = {
      MessageSid: m.id, SmsSid: m.id, SmsMessageSid: m.id, AccountSid: accountSid, From: m.from, To: m.to,
      MessageStatus: status, SmsStatus: status, ApiVersion: "2010-04-01", NumSegments: String(m.numSegments), NumMedia: String(m.mediaUrls.length),
    };
    if (m.errorCode !== null) params.ErrorCode = String(m.errorCode);
    body = new URLSearchParams(params).toString();
    headers = {
      "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
      "X-Twilio-Signature": signTwilioRequest(authToken, url, params),
      "I-Twilio-Idempotency-Token": `${m.id}-${status}`,
      "User-Agent": "IRISX/1.0",
    };
  } else {
    body = JSON.stringify({ type: `message.${statusName(m.status)}`, data: toMessageResource(m) });
    headers = { "Content-Type": "application/json", "IRISX-Signature": signWebhookPayload(authToken, body, Math.floor(Date.now() / 1000)), "User-Agent": "IRISX/1.0" };
  }
  for (let attempt = 1; attempt <= 2; attempt++) {
    const res = await postWebhookRequest({ url, headers, body, resolve: opts.resolve, connectTimeoutMs: 5_000, totalTimeoutMs: 15_000 });
    if (res.statusCode !== null && res.statusCode < 400) return;
    if (attempt === 2) {
      logger.warn({ messageId: m.id, url, status: res.statusCode, error: res.error }, "message status callback failed twice; giving up");
      return;
    }
    await new Promise((r) => setTimeout(r, opts.retryDelayMs ?? 1_000));
  }
}

/** Sends the status callbacks of these messages (those that asked for one), side by side; never throws. */
export async function deliverMessageStatusCallbacks(messages: readonly MessageView[], opts: MessageCallbackOptions = {}): Promise<void> {
  const wanted = messages.filter((m) => m.statusCallbackUrl);
  if (!wanted.length) return;
  const tenants = await db.tenant.findMany({ where: { id: { in: [...new Set(wanted.map((m) => m.tenantId))] } }, select: { id: true, accountSid: true } });
  const sid = new Map(tenants.map((t) => [t.id, t.accountSid]));
  await Promise.all(
    wanted.map((m) => deliverOne(m, sid.get(m.tenantId) ?? "", opts).catch((err: unknown) => logger.warn({ err, messageId: m.id }, "message status callback could not be sent"))),
  );
}
