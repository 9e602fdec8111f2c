// Resend signs its webhooks the way Svix does (Resend's webhooks run on Svix): headers svix-id, svix-timestamp (Unix
// seconds) and svix-signature ("v1,<base64>", several separated by spaces while a secret rotates); the signature is
// HMAC-SHA256 over "<svix-id>.<svix-timestamp>.<raw body>" keyed with the base64 bytes after "whsec_" of the secret.
// A delivery more than 5 minutes away from our clock is refused, so a captured one cannot be replayed later; within
// those 5 minutes the receiver processes a svix-id once (receive-resend-webhook.ts).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export interface SvixHeaders {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function svixSignature(secret: string, id: string, timestamp: string, payload: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return createHmac("sha256", key).update(`${id}.${timestamp}.${payload}`).digest("base64");
}

export function verifyResendSignature(opts: { payload: string; headers: SvixHeaders; secret: string; now?: Date }): SignatureCheck {
  const { id, timestamp, signature } = opts.headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: "unsigned: svix-id, svix-timestamp and svix-signature are required" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "svix-timestamp is not a Unix time in seconds" };
  const skew = Math.abs((opts.now ?? new Date()).getTime() - Number(timestamp) * 1000);
  if (skew > SIGNATURE_TOLERANCE_MS) return { ok: false, reason: "svix-timestamp is more than 5 minutes away: too old to accept (or from a wrong clock)" };
  const expected = Buffer.from(svixSignature(opts.secret, id, timestamp, opts.payload), "base64");
  const matches = signature.split(" ").some((entry) => {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: "svix-signature does not match this body and RESEND_WEBHOOK_SECRET" };
}
