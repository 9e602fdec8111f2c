// What became of one request to the provider, recorded on its recipients. Only rows still SENDING under the batch's
// key change, so recording the same answer twice changes nothing.
import type { BroadcastBatch } from "@/server/broadcasts/next-broadcast-batch";
import { db } from "@/server/db";
import { sqlUtc } from "@/server/shared/sql-utc";

/** After this many requests for a recipient, all failing, it is FAILED. */
export const BROADCAST_MAX_ATTEMPTS = 10;

export async function recordBatchAccepted(batch: BroadcastBatch, messageIds: string[], now = new Date()): Promise<void> {
  const ids = batch.recipients.map((r) => r.id);
  await db.$transaction([
    db.$executeRaw`
      UPDATE "BroadcastRecipient" r SET status = 'SENT', "providerMessageId" = v.mid, "sentAt" = ${sqlUtc(now)}, attempts = r.attempts + 1,
             error = NULL, "updatedAt" = ${sqlUtc(now)}
      FROM unnest(${ids}::text[], ${messageIds}::text[]) AS v(id, mid)
      WHERE r.id = v.id AND r.status = 'SENDING' AND r."batchKey" = ${batch.key}`,
    db.broadcast.updateMany({ where: { id: batch.broadcastId, lastError: { not: null } }, data: { lastError: null } }),
  ]);
}

/**
 * The provider refused the request as it is. A batch of several is split, each recipient its own request (one bad
 * address must not sink the others); a lone recipient is FAILED.
 */
export async function recordBatchRefused(batch: BroadcastBatch, error: string, now = new Date()): Promise<{ split: boolean }> {
  if (batch.recipients.length > 1) {
    await db.$transaction(
      batch.recipients.map((r) =>
        db.broadcastRecipient.updateMany({ where: { id: r.id, status: "SENDING", batchKey: batch.key }, data: { batchKey: `${batch.key}/${r.id}`, attempts: { increment: 1 }, error } }),
      ),
    );
    return { split: true };
  }
  await db.broadcastRecipient.updateMany({ where: { id: batch.recipients[0]!.id, status: "SENDING", batchKey: batch.key }, data: { status: "FAILED", failedAt: now, attempts: { increment: 1 }, error } });
  return { split: false };
}

/**
 * The request may be repeated later: the attempt is counted, recipients out of attempts are FAILED, and the broadcast
 * waits until `retryAt` (kept in the database, so whichever sender comes next waits too). True when the batch is
 * still to be repeated.
 */
export async function recordBatchDeferred(batch: BroadcastBatch, error: string, retryAt: Date, now = new Date()): Promise<boolean> {
  const lastChance = batch.recipients.every((r) => r.attempts + 1 >= BROADCAST_MAX_ATTEMPTS);
  const where = { id: { in: batch.recipients.map((r) => r.id) }, status: "SENDING" as const, batchKey: batch.key };
  await db.$transaction([
    db.broadcastRecipient.updateMany({ where, data: lastChance ? { status: "FAILED", failedAt: now, attempts: { increment: 1 }, error } : { attempts: { increment: 1 }, error } }),
    db.broadcast.update({ where: { id: batch.broadcastId }, data: { lastError: error, nextAttemptAt: lastChance ? null : retryAt } }),
  ]);
  return !lastChance;
}
