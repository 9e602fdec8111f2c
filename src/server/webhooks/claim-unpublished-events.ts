import type { Tx } from "@/server/db";

export interface ClaimedWebhookEvent {
  id: string;
  tenantId: string;
  type: string;
}

/**
 * Locks up to `limit` unpublished outbox rows, oldest first, for the caller's transaction. SKIP LOCKED lets
 * several relays (every app instance runs one, plus the cron) work side by side without sending a row twice.
 */
export async function claimUnpublishedEvents(tx: Tx, limit: number): Promise<ClaimedWebhookEvent[]> {
  return tx.$queryRaw<ClaimedWebhookEvent[]>`
    SELECT "id", "tenantId", "type" FROM "WebhookEvent"
    WHERE "publishedAt" IS NULL
    ORDER BY "createdAt" ASC, "id" ASC
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`;
}
