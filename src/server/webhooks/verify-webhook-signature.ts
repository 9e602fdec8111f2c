// Verifies an IRISX-Signature header. Self-contained (node:crypto only) so receivers can copy this file as is;
// docs/webhooks.md shows it in use. Accepts several v1 signatures so a header signed with more than one
// secret still verifies against any of them.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface VerifyWebhookSignatureOptions {
  /** The raw request body exactly as received (not re-serialised JSON). */
  payload: string;
  /** The IRISX-Signature header. */
  header: string | null | undefined;
  /** Your endpoint's signing secret, "whsec_...". */
  secret: string;
  /** Maximum age of the timestamp, in seconds (default 300). */
  toleranceSeconds?: number;
  /** Current time in unix seconds; for tests. */
  nowSeconds?: number;
}

export type VerifyWebhookSignatureResult =
  | { ok: true; timestamp: number }
  | { ok: false; reason: "missing_header" | "malformed_header" | "timestamp_out_of_tolerance" | "no_matching_signature" };

export function verifyWebhookSignature(opts: VerifyWebhookSignatureOptions): VerifyWebhookSignatureResult {
  if (!opts.header) return { ok: false, reason: "missing_header" };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of opts.header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: "malformed_header" };

  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (opts.toleranceSeconds ?? 300)) return { ok: false, reason: "timestamp_out_of_tolerance" };

  const expected = Buffer.from(createHmac("sha256", opts.secret).update(`${timestamp}.${opts.payload}`).digest("hex"));
  // timingSafeEqual so the comparison time does not reveal how many leading characters matched.
  const matches = signatures.some((sig) => {
    const candidate = Buffer.from(sig);
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: "no_matching_signature" };
}
