// One sender at a time for the whole platform (every app process, the embedded engine or Inngest), so the provider's
// rate limit, which is per account, holds however many processes run: a sender takes a broadcast with a lease under
// a transaction-scoped advisory lock, and nobody else takes any broadcast while that lease is live. A sender that dies
// leaves the lease to lapse; one that finishes a pass releases it.
import { db } from "@/server/db";
import { sqlUtc } from "@/server/shared/sql-utc";

export type BroadcastClaim = { broadcastId: string } | { broadcastId: null; idleUntil: Date | null };

/**
 * The broadcast `holder` should work on now, leased to it for `leaseMs` (renewed when it already holds it). Without one:
 * when work waits only for a provider backoff, the time it ends (`idleUntil`), else null.
 */
export async function claimBroadcastForSending(holder: string, opts: { leaseMs: number; now?: Date }): Promise<BroadcastClaim> {
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('irisx.broadcast-sender'))`;
    // Finished broadcasts turn SENT here, so "work left" below is just their status.
    await tx.$executeRaw`
      UPDATE "Broadcast" b SET status = 'SENT', "completedAt" = ${sqlUtc(now)}, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = ${sqlUtc(now)}
      WHERE b.status = 'SENDING' AND NOT EXISTS (SELECT 1 FROM "BroadcastRecipient" r WHERE r."broadcastId" = b.id AND r.status IN ('QUEUED', 'SENDING'))`;
    const others = await tx.broadcast.count({ where: { leaseOwner: { not: holder }, leaseExpiresAt: { gt: now } } });
    if (others > 0) return { broadcastId: null, idleUntil: null };
    // Work: SENDING broadcasts, and cancelled ones with a request still to settle (it may have gone out).
    const candidates = await tx.$queryRaw<{ id: string; nextAttemptAt: Date | null }[]>`
      SELECT b.id, b."nextAttemptAt" FROM "Broadcast" b
      WHERE b.status = 'SENDING'
         OR (b.status = 'CANCELLED' AND EXISTS (SELECT 1 FROM "BroadcastRecipient" r WHERE r."broadcastId" = b.id AND r.status = 'SENDING'))
      ORDER BY b."sendStartedAt", b.id`;
    const due = candidates.find((c) => c.nextAttemptAt === null || c.nextAttemptAt <= now);
    if (!due) {
      const waits = candidates.map((c) => c.nextAttemptAt!.getTime());
      return { broadcastId: null, idleUntil: waits.length > 0 ? new Date(Math.min(...waits)) : null };
    }
    // The lease moves to this broadcast: the holder's other ones are released.
    await tx.broadcast.updateMany({ where: { leaseOwner: holder, id: { not: due.id } }, data: { leaseOwner: null, leaseExpiresAt: null } });
    await tx.broadcast.update({ where: { id: due.id }, data: { leaseOwner: holder, leaseExpiresAt: new Date(now.getTime() + opts.leaseMs) } });
    return { broadcastId: due.id };
  });
}

/** Ends `holder`'s lease, so the next pass (of any process) may start at once. */
export async function releaseBroadcastLease(holder: string): Promise<void> {
  await db.broadcast.updateMany({ where: { leaseOwner: holder }, data: { leaseOwner: null, leaseExpiresAt: null } });
}
