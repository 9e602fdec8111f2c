// Claiming status callbacks to send. Each claim is a lease: the row stays PENDING, its attempt is counted and
// nextAttemptAt moves past the lease, so no other sender picks it up until this one records the outcome (or
// dies and the lease runs out). Only the lowest PENDING sequence of each call (or message) is claimable, so
// sequence n+1 is never sent before n is done (delivered or given up), whichever sender holds it.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";

/** Twilio sends a callback and retries it once. */
export const MAX_CALLBACK_ATTEMPTS = 2;

export interface ClaimedCallback {
  id: string;
  tenantId: string;
  callId: string | null;
  messageId: string | null;
  url: string;
  method: string;
  format: string;
  sequence: number;
  params: unknown;
  /** This attempt's number (1 or 2); recording the outcome is fenced on it. */
  attempts: number;
}

export async function claimDueCallbacks(opts: { limit: number; now: Date; leaseMs: number }): Promise<ClaimedCallback[]> {
  if (opts.limit <= 0) return [];
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs);
  return db.$queryRaw<ClaimedCallback[]>(Prisma.sql`
    WITH due AS (
      SELECT d.id FROM "CallbackDelivery" d
      WHERE d.status = 'PENDING' AND d."nextAttemptAt" <= ${opts.now} AND d.attempts < ${MAX_CALLBACK_ATTEMPTS}
        AND NOT EXISTS (
          SELECT 1 FROM "CallbackDelivery" earlier
          WHERE earlier.status = 'PENDING' AND earlier.sequence < d.sequence
            AND (earlier."callId" = d."callId" OR earlier."messageId" = d."messageId")
        )
      ORDER BY d."nextAttemptAt"
      LIMIT ${opts.limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "CallbackDelivery" c
    SET attempts = c.attempts + 1, "nextAttemptAt" = ${leaseUntil}
    FROM due WHERE c.id = due.id
    RETURNING c.id, c."tenantId", c."callId", c."messageId", c.url, c.method, c.format, c.sequence, c.params, c.attempts`);
}

/**
 * Gives up on callbacks whose last attempt's sender vanished (lease over, no attempts left); otherwise they would
 * hold back every later callback of their call forever.
 */
export async function failAbandonedCallbacks(now: Date): Promise<number> {
  const { count } = await db.callbackDelivery.updateMany({
    where: { status: "PENDING", attempts: { gte: MAX_CALLBACK_ATTEMPTS }, nextAttemptAt: { lte: now } },
    data: { status: "FAILED", lastError: "the sender stopped during the last attempt; outcome unknown" },
  });
  return count;
}
