// Deliveries whose automatic run should have acted by now and has not: the sweeper's input. A delivery's run
// can end without finishing it (its `webhook/delivery.requested` event was never sent because the fan-out's
// send step failed for good, or a step kept failing until Inngest gave up), and nothing else would touch it.
import { db } from "@/server/db";

/** How late a run may be (queueing, step retries) before its delivery counts as stuck. */
const STUCK_DELIVERY_MARGIN_MS = 30 * 60_000;

export interface StuckWebhookDelivery {
  id: string;
  /** Scheduled attempts already made; the resumed run continues with the next one. */
  automaticAttempts: number;
}

export async function findStuckWebhookDeliveries(opts: { now?: Date; limit?: number } = {}): Promise<StuckWebhookDelivery[]> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - STUCK_DELIVERY_MARGIN_MS);
  // Due since: the scheduled next attempt, else the last attempt (the run was about to mark it FAILED), else creation.
  return db.$queryRaw<StuckWebhookDelivery[]>`
    SELECT d."id",
           (SELECT count(*)::int FROM "WebhookAttempt" a WHERE a."deliveryId" = d."id" AND NOT a."manual") AS "automaticAttempts"
    FROM "WebhookDelivery" d
    WHERE d."status" IN ('PENDING', 'RETRYING')
      AND COALESCE(d."nextAttemptAt", d."lastAttemptAt", d."createdAt") < ${cutoff}
    ORDER BY d."createdAt" ASC
    LIMIT ${opts.limit ?? 500}`;
}
