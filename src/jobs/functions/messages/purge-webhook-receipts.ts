import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { purgeWebhookReceipts } from "@/server/messages/purge-webhook-receipts";

/** Hourly: providers' webhook receipts older than their retention go (bounded batches; deleting is idempotent). */
export const purgeWebhookReceiptsCron = inngest.createFunction(
  { id: "purge-webhook-receipts", triggers: [cron("41 * * * *")], concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const now = new Date(event.ts ?? Date.now());
    const deleted = await step.run("purge", () => purgeWebhookReceipts({ now }));
    return { deleted };
  },
);
