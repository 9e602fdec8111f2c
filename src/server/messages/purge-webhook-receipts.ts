// Receipts of providers' webhooks (MessagingWebhookReceipt: a replay is processed once) are kept a week: providers
// retry for hours at most (Twilio: up to 4 h with its fallback; Meta, Slack and Telnyx within a day) and refuse
// signatures older than minutes, so an older replay is already refused as stale. Deleted in bounded batches.
import { db } from "@/server/db";
import { sqlUtc } from "@/server/shared/sql-utc";

export const WEBHOOK_RECEIPT_RETENTION_DAYS = 7;

export async function purgeWebhookReceipts(input: { now?: Date; batchSize?: number; maxBatches?: number } = {}): Promise<number> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - WEBHOOK_RECEIPT_RETENTION_DAYS * 86_400_000);
  const batchSize = input.batchSize ?? 5_000;
  let deleted = 0;
  for (let batch = 0; batch < (input.maxBatches ?? 20); batch++) {
    const n = await db.$executeRaw`
      DELETE FROM "MessagingWebhookReceipt" WHERE ctid IN (
        SELECT ctid FROM "MessagingWebhookReceipt" WHERE "receivedAt" < ${sqlUtc(cutoff)} LIMIT ${batchSize})`;
    deleted += n;
    if (n < batchSize) break;
  }
  return deleted;
}
