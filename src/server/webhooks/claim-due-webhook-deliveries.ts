import { db } from "@/server/db";

export interface DueWebhookDelivery {
  id: string;
  /** Automatic attempts made so far (manual redeliveries do not count towards the schedule). */
  automaticAttempts: number;
}

/**
 * Deliveries whose next attempt is due (PENDING, or RETRYING past nextAttemptAt), taken with a lease: their
 * nextAttemptAt moves `leaseMs` ahead in the same statement, so other runners skip them and a runner that dies
 * mid-attempt leaves them due again once the lease ends. SKIP LOCKED lets runners on several app processes share.
 */
export async function claimDueWebhookDeliveries(opts: { limit: number; leaseMs: number; now?: Date }): Promise<DueWebhookDelivery[]> {
  const now = opts.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + opts.leaseMs);
  const rows = await db.$queryRaw<{ id: string; automatic: bigint }[]>`
    WITH due AS (
      SELECT id FROM "WebhookDelivery"
      WHERE status IN ('PENDING', 'RETRYING') AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'))
      ORDER BY "nextAttemptAt" NULLS FIRST, "createdAt"
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "WebhookDelivery" d SET "nextAttemptAt" = (${leaseUntil.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    FROM due WHERE d.id = due.id
    RETURNING d.id, (SELECT count(*) FROM "WebhookAttempt" a WHERE a."deliveryId" = d.id AND NOT a.manual) AS automatic`;
  return rows.map((r) => ({ id: r.id, automaticAttempts: Number(r.automatic) }));
}
