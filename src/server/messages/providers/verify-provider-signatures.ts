// Verifying the providers' webhooks: Twilio signs with X-Twilio-Signature (HMAC-SHA1 of the URL and the sorted form
// parameters, keyed with the auth token); Telnyx with Ed25519 over `${telnyx-timestamp}|${raw body}`
// (telnyx-signature-ed25519, base64), checked against the account's public key, and refused when the timestamp is
// more than five minutes off (a captured request replayed later).
import { createHmac, createPublicKey, timingSafeEqual, verify } from "node:crypto";
import { signTwilioRequest, type TwilioRequestParams } from "@/server/calls/callbacks/sign-twilio-request";
import { SLACK_TOLERANCE_SECONDS } from "@/server/messages/slack/slack.schemas";
import { DISCORD_TOLERANCE_SECONDS } from "@/server/messages/chat-bots/chat-bots.schemas";

export const TELNYX_TOLERANCE_SECONDS = 300;

export function verifyTwilioSignature(authToken: string, urls: readonly string[], params: TwilioRequestParams, signature: string | null): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature);
  return urls.some((url) => {
    const expected = Buffer.from(signTwilioRequest(authToken, url, params));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** Ed25519 SubjectPublicKeyInfo prefix: a raw 32-byte key becomes a DER key node can load. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export type TelnyxVerdict = { ok: true } | { ok: false; reason: "unsigned" | "stale" | "bad_signature" };

export function verifyTelnyxSignature(input: { publicKeyBase64: string; rawBody: string; signature: string | null; timestamp: string | null; nowSeconds?: number }): TelnyxVerdict {
  return verifyTimestampedEd25519({
    publicKey: Buffer.from(input.publicKeyBase64, "base64"), signature: input.signature ? Buffer.from(input.signature, "base64") : null, timestamp: input.timestamp,
    signed: (ts) => `${ts}|${input.rawBody}`, nowSeconds: input.nowSeconds, toleranceSeconds: TELNYX_TOLERANCE_SECONDS,
  });
}

/**
 * Discord signs each interaction with X-Signature-Ed25519 (hex) over `${X-Signature-Timestamp}${raw body}`, checked
 * with the application's public key (hex); we also refuse a timestamp more than five minutes off (a replay).
 */
export function verifyDiscordSignature(input: { publicKeyHex: string; rawBody: string; signature: string | null; timestamp: string | null; nowSeconds?: number }): TelnyxVerdict {
  const hex = /^[0-9a-fA-F]+$/;
  return verifyTimestampedEd25519({
    publicKey: Buffer.from(input.publicKeyHex, "hex"), signature: input.signature && hex.test(input.signature) ? Buffer.from(input.signature, "hex") : input.signature ? Buffer.alloc(0) : null,
    timestamp: input.timestamp, signed: (ts) => `${ts}${input.rawBody}`, nowSeconds: input.nowSeconds, toleranceSeconds: DISCORD_TOLERANCE_SECONDS,
  });
}

/** Ed25519 over a message that starts with a timestamp (seconds), refused when the timestamp is out of tolerance. */
function verifyTimestampedEd25519(input: { publicKey: Buffer; signature: Buffer | null; timestamp: string | null; signed: (timestamp: string) => string; nowSeconds?: number; toleranceSeconds: number }): TelnyxVerdict {
  if (!input.signature || !input.timestamp) return { ok: false, reason: "unsigned" };
  const ts = Number(input.timestamp);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > input.toleranceSeconds) return { ok: false, reason: "stale" };
  try {
    const key = createPublicKey({ key: input.publicKey.length === 32 ? Buffer.concat([ED25519_SPKI_PREFIX, input.publicKey]) : input.publicKey, format: "der", type: "spki" });
    const ok = verify(null, Buffer.from(input.signed(input.timestamp), "utf8"), key, input.signature);
    return ok ? { ok: true } : { ok: false, reason: "bad_signature" };
  } catch {
    return { ok: false, reason: "bad_signature" };
  }
}

export type WebhookVerdict = { ok: true } | { ok: false; reason: "unsigned" | "stale" | "bad_signature" };

/**
 * Mailgun (routes and webhooks): `signature` is hex HMAC-SHA256 of `${timestamp}${token}` keyed with the account's
 * webhook signing key; refused when the timestamp is more than five minutes off. The receiver processes a token once.
 */
export function verifyMailgunSignature(input: { signingKey: string; timestamp: string | null; token: string | null; signature: string | null; nowSeconds?: number }): WebhookVerdict {
  if (!input.timestamp || !input.token || !input.signature) return { ok: false, reason: "unsigned" };
  const ts = Number(input.timestamp);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > TELNYX_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const expected = Buffer.from(createHmac("sha256", input.signingKey).update(`${input.timestamp}${input.token}`).digest("hex"));
  const given = Buffer.from(input.signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: "bad_signature" };
}

/**
 * SendGrid's Signed Event Webhook: X-Twilio-Email-Event-Webhook-Signature is a base64 DER ECDSA (P-256, SHA-256)
 * signature over `${X-Twilio-Email-Event-Webhook-Timestamp}${raw body}`, checked with the verification key SendGrid
 * shows (base64 DER SubjectPublicKeyInfo); refused when the timestamp is more than five minutes off.
 */
export function verifySendgridEventSignature(input: { publicKeyBase64: string; rawBody: string; signature: string | null; timestamp: string | null; nowSeconds?: number }): WebhookVerdict {
  if (!input.signature || !input.timestamp) return { ok: false, reason: "unsigned" };
  const ts = Number(input.timestamp);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > TELNYX_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  try {
    const key = createPublicKey({ key: Buffer.from(input.publicKeyBase64, "base64"), format: "der", type: "spki" });
    const ok = verify("sha256", Buffer.from(`${input.timestamp}${input.rawBody}`, "utf8"), { key, dsaEncoding: "der" }, Buffer.from(input.signature, "base64"));
    return ok ? { ok: true } : { ok: false, reason: "bad_signature" };
  } catch {
    return { ok: false, reason: "bad_signature" };
  }
}

/**
 * Meta (WhatsApp Cloud API) signs every webhook with X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the raw
 * body keyed with the app secret. Compared in constant time; a missing or malformed header is unsigned.
 */
export function verifyMetaSignature(appSecret: string, rawBody: string, header: string | null): { ok: true } | { ok: false; reason: "unsigned" | "bad_signature" } {
  if (!header || !header.startsWith("sha256=")) return { ok: false, reason: "unsigned" };
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody, "utf8").digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: "bad_signature" };
}

/**
 * Slack signs Events API requests with X-Slack-Signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`
 * keyed with the app's signing secret, X-Slack-Request-Timestamp in seconds; more than five minutes off is stale.
 */
export function verifySlackSignature(input: { signingSecret: string; rawBody: string; signature: string | null; timestamp: string | null; nowSeconds?: number }): TelnyxVerdict {
  if (!input.signature || !input.timestamp || !input.signature.startsWith("v0=")) return { ok: false, reason: "unsigned" };
  const ts = Number(input.timestamp);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > SLACK_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const given = Buffer.from(input.signature.slice(3), "hex");
  const expected = createHmac("sha256", input.signingSecret).update(`v0:${input.timestamp}:${input.rawBody}`, "utf8").digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: "bad_signature" };
}
