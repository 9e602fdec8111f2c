import { randomBytes } from "node:crypto";
import { ulid } from "ulid";

/** Time-ordered ids (ULID) with a short type prefix, e.g. `tn_01J...`; they sort by creation, which cursor paging uses. */
export function newId(prefix: string): string {
  return `${prefix}_${ulid().toLowerCase()}`;
}

/** Twilio-style sid: two-letter prefix + 32 hex, e.g. `AK3f9c...`. */
export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString("hex");
}

/** URL-safe random secret with the given number of bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
