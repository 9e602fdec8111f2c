// `Idempotency-Key` for POST, Stripe's rules: the first request with a key claims it (row IN_PROGRESS);
// a repeat with the same body gets the stored response for 24 h, with another body 422, and while the
// first is still running 409. Only completed (2xx) responses are stored: a failed request releases its
// claim so the client can retry it with the same key.
import { createHash } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { newId } from "@/server/shared/ids";
import { processState } from "@/server/shared/process-state";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * A claimed key's stored answer. The use-case writes it with its change, in the same statement (createCall's
 * insert), so the answer commits with the change or not at all.
 */
export interface IdempotencyCompletion {
  recordId: string;
  status: number;
  body: string;
}

export type IdempotencyClaim = { kind: "claimed"; recordId: string } | { kind: "replay"; status: number; body: string };

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` count as the same body. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function idempotencyRequestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${canonicalJson(body ?? null)}`).digest("hex");
}

export function assertIdempotencyKeyFormat(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("BAD_REQUEST", "Idempotency-Key must be 1 to 255 printable ASCII characters", {
      details: [{ field: "Idempotency-Key", message: "1 to 255 printable ASCII characters" }],
    });
  }
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

export async function claimIdempotencyKey(input: { tenantId: string; key: string; method: string; path: string; requestHash: string }): Promise<IdempotencyClaim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const recordId = newId("idem");
    try {
      await db.idempotencyRecord.create({
        data: { id: recordId, tenantId: input.tenantId, key: input.key, method: input.method, path: input.path, requestHash: input.requestHash, expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_MS) },
        select: { id: true },
      });
      maybePurge();
      return { kind: "claimed", recordId };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const existing = await db.idempotencyRecord.findUnique({ where: { tenantId_key: { tenantId: input.tenantId, key: input.key } } });
    if (!existing) continue; // released between our insert and read: claim again
    if (existing.expiresAt.getTime() <= Date.now()) {
      await db.idempotencyRecord.deleteMany({ where: { id: existing.id, expiresAt: { lte: new Date() } } });
      continue;
    }
    if (existing.requestHash !== input.requestHash) {
      throw new AppError("IDEMPOTENCY_KEY_REUSED", `Idempotency-Key "${input.key}" was already used for a different request (${existing.method} ${existing.path} with another body); use a new key`);
    }
    if (existing.state === "IN_PROGRESS" || existing.responseStatus === null || existing.responseBody === null) {
      throw new AppError("CONFLICT", `a request with Idempotency-Key "${input.key}" is still being processed; retry shortly`, { retryAfter: 1 });
    }
    return { kind: "replay", status: existing.responseStatus, body: existing.responseBody };
  }
  throw new AppError("CONFLICT", `Idempotency-Key "${input.key}" is contended; retry shortly`, { retryAfter: 1 });
}

/**
 * A request's claimed Idempotency-Key, from the claim to its stored answer (or its release after a failure). Both
 * REST surfaces (defineRoute, defineTwilioRoute) drive their requests with it.
 */
export class ClaimedIdempotencyKey {
  private answered = false;

  constructor(readonly recordId: string) {}

  /**
   * The answer for the use-case to write with its change (its transaction or statement), so both commit together
   * or not at all; `finish` then writes nothing.
   */
  completion(status: number, body: string): IdempotencyCompletion {
    this.answered = true;
    return { recordId: this.recordId, status, body };
  }

  /** Stores the answer once the handler returned, unless the use-case already wrote it. */
  async finish(status: number, body: string): Promise<void> {
    if (this.answered) return;
    this.answered = true;
    await completeIdempotencyKey(this.recordId, status, body);
  }

  /** After a failure, so the client can retry with the same key. Safe once the answer is stored (it stays). */
  async release(): Promise<void> {
    await releaseIdempotencyKey(this.recordId).catch((err: unknown) => logger.warn({ err, recordId: this.recordId }, "could not release idempotency key"));
  }
}

/**
 * The Idempotency-Key step every API surface shares: null when the request carries no key; a repeat gets the stored
 * answer as a response (`idempotent-replayed: true`, on top of `headers`); otherwise the key's format is checked
 * and it is claimed for this tenant, method, path and body.
 */
export async function claimRequestIdempotency(input: {
  tenantId: string;
  key: string | null;
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}): Promise<{ replay: Response } | { claimed: ClaimedIdempotencyKey } | null> {
  if (input.key === null) return null;
  assertIdempotencyKeyFormat(input.key);
  const claim = await claimIdempotencyKey({
    tenantId: input.tenantId,
    key: input.key,
    method: input.method,
    path: input.path,
    requestHash: idempotencyRequestHash(input.method, input.path, input.body ?? null),
  });
  if (claim.kind === "claimed") return { claimed: new ClaimedIdempotencyKey(claim.recordId) };
  const headers = { ...input.headers, "idempotent-replayed": "true" };
  if (claim.status === 204) return { replay: new Response(null, { status: 204, headers }) };
  return { replay: new Response(claim.body, { status: claim.status, headers: { ...headers, "content-type": "application/json; charset=utf-8" } }) };
}

/** Stores the response of a handler whose use-case did not write it with its change (ClaimedIdempotencyKey.finish). */
async function completeIdempotencyKey(recordId: string, status: number, body: string): Promise<void> {
  await db.idempotencyRecord.update({ where: { id: recordId }, data: { state: "COMPLETED", responseStatus: status, responseBody: body }, select: { id: true } });
}

export async function releaseIdempotencyKey(recordId: string): Promise<void> {
  await db.idempotencyRecord.deleteMany({ where: { id: recordId, state: "IN_PROGRESS" } });
}

/**
 * Deletes expired records. Expired keys are also replaced when reused; this keeps the table from growing
 * with keys that never come back. Run from claims, about once per PURGE_EVERY, off the request's path.
 */
export async function purgeExpiredIdempotencyRecords(now = new Date()): Promise<number> {
  const { count } = await db.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

const PURGE_EVERY = 500;
const purge = processState("idempotency.purge", () => ({ claimsSince: 0 }));
function maybePurge(): void {
  if (++purge.claimsSince < PURGE_EVERY) return;
  purge.claimsSince = 0;
  void purgeExpiredIdempotencyRecords().catch((err: unknown) => logger.warn({ err }, "purging expired idempotency records failed"));
}
