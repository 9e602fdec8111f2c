import { createHmac } from "node:crypto";

/**
 * `IRISX-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, as Stripe does. The key is
 * the whole secret string ("whsec_..."), so receivers need no decoding step.
 */
export function signWebhookPayload(secret: string, body: string, timestampSeconds: number): string {
  const v1 = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${v1}`;
}
