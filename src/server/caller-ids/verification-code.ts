// The code a verification call speaks: 6 random digits, kept only as an HMAC bound to the caller ID (a database
// reader cannot replay it; it is useless for another caller ID), compared in constant time.
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { env } from "@/env";

function key(): string {
  const secret = env.APP_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("APP_ENCRYPTION_KEY (or NEXTAUTH_SECRET) must be set to verify caller IDs");
  return secret;
}

export function newVerificationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

export function hashVerificationCode(callerIdId: string, code: string): string {
  return createHmac("sha256", key()).update(`caller-id:${callerIdId}:${code}`).digest("hex");
}

export function codeMatches(callerIdId: string, code: string, hash: string): boolean {
  const a = Buffer.from(hashVerificationCode(callerIdId, code), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How the call says it: digit by digit, so the speech engine does not read "482913" as a number. */
export function spokenDigits(code: string): string {
  return code.split("").join(", ");
}
