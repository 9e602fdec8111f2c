// TOTP (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app uses) through otplib, and the recovery codes
// that stand in for the app. A code is accepted within one step either side of now, and never twice (the step of
// the last accepted code is kept per user).
import { createHash, randomBytes } from "node:crypto";
import QRCode from "qrcode";
import { generateSecret, generateURI, verify } from "otplib";

export const TOTP_ISSUER = "IRISX";
/** Steps of 30 s accepted either side of now: clock drift of a phone. */
const TOLERANCE_SECONDS = 30;
const PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/** The enrolment QR code as an SVG data URL (rendered here: the secret never goes to a third-party service). */
export async function totpQrCode(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** The time step the code belongs to, or null when it is wrong, stale or already used (step ≤ `afterTimeStep`). */
export async function checkTotp(secret: string, code: string, afterTimeStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const now = Math.floor(Date.now() / 1000);
  const result = await verify({ secret, token: code, epoch: now, epochTolerance: TOLERANCE_SECONDS, ...(afterTimeStep === null ? {} : { afterTimeStep }) });
  // The step the code matched: this one, or `delta` steps either side of it.
  return result.valid ? Math.floor(now / PERIOD_SECONDS) + result.delta : null;
}

/** Recovery codes look like "7k2m-9xq4-p3": lower-case base32 without look-alikes, 10 characters of entropy each. */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 10)}`;
  });
}

export function normaliseRecoveryCode(code: string): string {
  return code.trim().toLowerCase().replace(/[\s-]/g, "");
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(`recovery:${normaliseRecoveryCode(code)}`).digest("hex");
}
