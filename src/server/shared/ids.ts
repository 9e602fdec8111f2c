import { randomBytes, randomFillSync } from "node:crypto";
import { monotonicFactory } from "ulid";

// Random bytes for ids come from a pooled buffer refilled 4 KiB at a time: ulid's default draws one
// crypto.randomBytes(1) per character (16 calls an id), which showed up as several percent of the worker's CPU
// when it writes thousands of ids a second. Same CSPRNG, fewer calls.
const pool = Buffer.allocUnsafe(4096);
let offset = pool.length;

function takeRandom(length: number): Buffer {
  if (offset + length > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + length);
  offset += length;
  return bytes;
}

/** ulid's PRNG contract: a float in [0, 1); a byte / 256 maps uniformly onto its 32 characters. */
const pooledPrng = () => takeRandom(1)[0]! / 256;

/** Monotonic: ids made in the same millisecond by this process still sort in the order they were made. */
const ulid = monotonicFactory(pooledPrng);

/**
 * Time-ordered ids (ULID) with a short type prefix, e.g. `tn_01J...`; they sort by creation, which cursor paging
 * uses, also within one millisecond (the ledger entries of a batch of calls, say).
 */
export function newId(prefix: string): string {
  return `${prefix}_${ulid().toLowerCase()}`;
}

/** Twilio-style sid: two-letter prefix + 32 hex, e.g. `AK3f9c...`. */
export function newSid(prefix: string): string {
  return prefix + takeRandom(16).toString("hex");
}

/** URL-safe random secret with the given number of bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
