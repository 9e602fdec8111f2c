import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { deleteExpiredRecordings } from "@/server/recordings/delete-expired-recordings";

/** Recordings per step; the run stops after MAX_BATCHES steps and the next day's run carries on. */
const BATCH_SIZE = 200;
const MAX_BATCHES = 50;

/**
 * Daily (03:30 UTC): applies every tenant's recording retention. Each step deletes one bounded batch, so a retry
 * repeats at most one batch (and deleting is idempotent). "Now" is the scheduled time, the same for every step.
 */
export const deleteExpiredRecordingsCron = inngest.createFunction(
  { id: "delete-expired-recordings", triggers: [cron("30 3 * * *")], concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const now = new Date(event.ts ?? Date.now());
    let deleted = 0;
    let failed = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const result = await step.run(`delete-batch-${batch}`, () => deleteExpiredRecordings({ now, batchSize: BATCH_SIZE }));
      deleted += result.deleted;
      failed += result.failed;
      // A batch of failures alone would come back the same: stop rather than spin on them.
      if (!result.hasMore || result.deleted === 0) break;
    }
    return { deleted, failed };
  },
);
