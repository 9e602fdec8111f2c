// The providers' messaging webhooks, verified before anything is read into the database:
//  Twilio: form-encoded, X-Twilio-Signature with the auth token of the account named by AccountSid (the platform's,
//          or a tenant's own); inbound messages (MessageSid, From, To, Body, NumMedia, MediaUrlN) and status
//          callbacks (MessageSid, MessageStatus, ErrorCode).
//  Telnyx: JSON events (message.received, message.sent, message.finalized) signed with Ed25519 over
//          `timestamp|body` (telnyx-signature-ed25519, telnyx-timestamp), refused when more than 5 minutes off.
// Unsigned, badly signed or stale requests are refused (403) and change nothing; replays are processed once.
import { env } from "@/env";
import type { MessageStatus } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { applyMessageStatus } from "@/server/messages/apply-message-status";
import { receiveInboundMessage } from "@/server/messages/receive-inbound-message";
import { platformMessagingEnv, tenantMessagingCredentials } from "@/server/messages/providers/resolve-messaging-provider";
import { verifyTelnyxSignature, verifyTwilioSignature } from "@/server/messages/providers/verify-provider-signatures";
import type { HostResolver } from "@/server/webhooks/ssrf-guard";

export type ProviderWebhookKind = "twilio-inbound" | "twilio-status" | "telnyx";

export interface ProviderWebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const forbidden = (why: string) => new AppError("FORBIDDEN", why);

const TWILIO_STATUS: Record<string, MessageStatus> = { sending: "SENDING", sent: "SENT", delivered: "DELIVERED", undelivered: "UNDELIVERED", failed: "FAILED", read: "READ" };

async function twilioAuthToken(accountSid: string): Promise<string | null> {
  const e = platformMessagingEnv();
  if (e.TWILIO_ACCOUNT_SID && accountSid === e.TWILIO_ACCOUNT_SID) return e.TWILIO_AUTH_TOKEN ?? null;
  const row = await db.tenantMessagingCredential.findFirst({ where: { provider: "twilio", accountId: accountSid }, select: { tenantId: true } });
  if (!row) return null;
  return (await tenantMessagingCredentials(row.tenantId)).find((c) => c.provider === "twilio")?.secret ?? null;
}

/** The URL Twilio signed: the public one (APP_URL), or the one this request reached. */
function signedUrls(req: Request): string[] {
  const reached = new URL(req.url);
  return [...new Set([`${env.APP_URL.replace(/\/$/, "")}${reached.pathname}${reached.search}`, req.url])];
}

async function twilio(kind: "twilio-inbound" | "twilio-status", req: Request, raw: string, opts: { resolve?: HostResolver }): Promise<ProviderWebhookAnswer> {
  const form = new URLSearchParams(raw);
  const params: Record<string, string[]> = {};
  for (const [k, v] of form) (params[k] ??= []).push(v);
  const signature = req.headers.get("x-twilio-signature");
  if (!signature) throw forbidden("unsigned request: X-Twilio-Signature is missing");
  const accountSid = form.get("AccountSid") ?? "";
  const token = await twilioAuthToken(accountSid);
  if (!token || !verifyTwilioSignature(token, signedUrls(req), params, signature)) throw forbidden("X-Twilio-Signature does not match");
  const sid = form.get("MessageSid") ?? form.get("SmsSid") ?? "";
  if (!sid) throw new AppError("VALIDATION_FAILED", "MessageSid: required", { details: { fieldErrors: { MessageSid: ["required"] } } });

  if (kind === "twilio-inbound") {
    const numMedia = Number(form.get("NumMedia") ?? "0") || 0;
    const mediaUrls = Array.from({ length: Math.min(numMedia, 10) }, (_, i) => form.get(`MediaUrl${i}`)).filter((u): u is string => !!u);
    await receiveInboundMessage({ provider: "twilio", eventKey: `in:${sid}`, providerMessageId: sid, from: form.get("From") ?? "", to: form.get("To") ?? "", body: form.get("Body") ?? "", mediaUrls }, opts);
    return { status: 200, contentType: "text/xml", body: EMPTY_TWIML };
  }
  const status = TWILIO_STATUS[(form.get("MessageStatus") ?? form.get("SmsStatus") ?? "").toLowerCase()];
  if (!status) return { status: 200, contentType: "text/plain", body: "" }; // queued/accepted: nothing to record
  const eventKey = req.headers.get("i-twilio-idempotency-token") ?? `${sid}:${status}`;
  const errorCode = form.get("ErrorCode") ? Number(form.get("ErrorCode")) : null;
  const result = await applyMessageStatus({ provider: "twilio", eventKey: `st:${eventKey}`, providerMessageId: sid, status, errorCode, errorMessage: errorCode ? `carrier error ${errorCode}` : null });
  // The provider retries: by then the sender has stored its message id.
  if (result === "unknown_message") return { status: 503, contentType: "text/plain", body: "unknown message; retry" };
  return { status: 200, contentType: "text/plain", body: "" };
}

interface TelnyxEvent {
  data?: {
    id?: string;
    event_type?: string;
    payload?: {
      id?: string;
      text?: string;
      from?: { phone_number?: string };
      to?: { phone_number?: string; status?: string }[];
      media?: { url?: string }[];
      errors?: { code?: string | number; title?: string; detail?: string }[];
    };
  };
}

const TELNYX_FINAL: Record<string, MessageStatus> = { delivered: "DELIVERED", sending_failed: "FAILED", delivery_failed: "UNDELIVERED", delivery_unconfirmed: "SENT", sent: "SENT" };

async function telnyx(req: Request, raw: string, opts: { resolve?: HostResolver }): Promise<ProviderWebhookAnswer> {
  const signature = req.headers.get("telnyx-signature-ed25519");
  const timestamp = req.headers.get("telnyx-timestamp");
  if (!signature || !timestamp) throw forbidden("unsigned request: telnyx-signature-ed25519 and telnyx-timestamp are required");
  let event: TelnyxEvent;
  try {
    event = JSON.parse(raw) as TelnyxEvent;
  } catch {
    throw forbidden("body is not JSON");
  }
  const payload = event.data?.payload;
  const inbound = event.data?.event_type === "message.received";
  // Whose key signs it: the platform's, or the tenant's own account whose number the message is on.
  const ourNumber = inbound ? payload?.to?.[0]?.phone_number : payload?.from?.phone_number;
  const keys: string[] = [];
  const platformKey = platformMessagingEnv().TELNYX_PUBLIC_KEY;
  if (platformKey) keys.push(platformKey);
  if (ourNumber) {
    const n = await db.phoneNumber.findUnique({ where: { e164: ourNumber }, select: { tenantId: true } });
    const own = n ? (await tenantMessagingCredentials(n.tenantId)).find((c) => c.provider === "telnyx")?.publicKey : null;
    if (own) keys.push(own);
  }
  const verdicts = keys.map((k) => verifyTelnyxSignature({ publicKeyBase64: k, rawBody: raw, signature, timestamp }));
  if (!verdicts.some((v) => v.ok)) {
    if (verdicts.some((v) => !v.ok && v.reason === "stale")) throw forbidden("stale request: telnyx-timestamp is more than 5 minutes off");
    throw forbidden("telnyx-signature-ed25519 does not verify");
  }
  const eventId = event.data?.id;
  const messageId = payload?.id;
  if (!eventId || !messageId) throw new AppError("VALIDATION_FAILED", "data.id: required", { details: { fieldErrors: { "data.id": ["required"] } } });
  if (inbound) {
    const mediaUrls = (payload?.media ?? []).map((m) => m.url).filter((u): u is string => !!u);
    await receiveInboundMessage({ provider: "telnyx", eventKey: eventId, providerMessageId: messageId, from: payload?.from?.phone_number ?? "", to: ourNumber ?? "", body: payload?.text ?? "", mediaUrls }, opts);
    return { status: 200, contentType: "application/json", body: "{}" };
  }
  const toStatus = payload?.to?.[0]?.status ?? "";
  const status = event.data?.event_type === "message.sent" ? "SENT" : TELNYX_FINAL[toStatus];
  if (!status) return { status: 200, contentType: "application/json", body: "{}" };
  const err = payload?.errors?.[0];
  const errorCode = err?.code !== undefined && Number.isFinite(Number(err.code)) ? Number(err.code) : null;
  const result = await applyMessageStatus({ provider: "telnyx", eventKey: eventId, providerMessageId: messageId, status, errorCode, errorMessage: err ? [err.title, err.detail].filter(Boolean).join(": ") : null });
  if (result === "unknown_message") return { status: 503, contentType: "application/json", body: '{"error":"unknown message; retry"}' };
  return { status: 200, contentType: "application/json", body: "{}" };
}

const MAX_WEBHOOK_BYTES = 256 * 1024;

/** Reads, verifies and processes one provider webhook; refusals come back as the answer, never thrown. */
export async function receiveProviderWebhook(kind: ProviderWebhookKind, req: Request, opts: { resolve?: HostResolver } = {}): Promise<ProviderWebhookAnswer> {
  try {
    const raw = await req.text();
    if (raw.length > MAX_WEBHOOK_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "webhook body too large");
    return kind === "telnyx" ? await telnyx(req, raw, opts) : await twilio(kind, req, raw, opts);
  } catch (e) {
    if (e instanceof AppError) return { status: e.httpStatus, contentType: "application/json", body: JSON.stringify({ error: { code: e.code, message: e.message } }) };
    throw e;
  }
}
