import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { broadcastSendRequested } from "@/jobs/events";
import { runBroadcastSender, type BroadcastSenderOptions } from "@/server/broadcasts/run-broadcast-sender";

/** Each step sends for at most this long: well inside an HTTP request's time to the serve handler. */
const STEP_DEADLINE_MS = 20_000;
/** Steps per run (Inngest allows 1,000); the next run carries on. */
const MAX_PASSES = 500;

/**
 * Every minute (and on demand), while broadcasts have recipients to mail: step after step, each a paced pass of the
 * sender (run-broadcast-sender.ts). One run at a time (singleton), and the sender's lease in the database keeps any
 * other sender (another app process's embedded engine) out too, so the provider's rate holds. A step that fails or
 * is retried repeats only requests the provider recognises by their Idempotency-Key.
 */
export function createSendBroadcastsFunction(senderOptions: BroadcastSenderOptions = {}) {
  return inngest.createFunction(
    { id: "send-broadcasts", triggers: [cron("* * * * *"), broadcastSendRequested], singleton: { mode: "skip" } },
    async ({ step }) => {
      const total = { requests: 0, accepted: 0, failed: 0 };
      for (let n = 0; n < MAX_PASSES; n++) {
        const pass = await step.run(`send-pass-${n}`, () => runBroadcastSender({ deadlineMs: STEP_DEADLINE_MS, ...senderOptions }));
        total.requests += pass.requests;
        total.accepted += pass.accepted;
        total.failed += pass.failed;
        // Nothing left, or only a long provider backoff (the cron comes back for it).
        if (pass.idle || pass.requests === 0) break;
      }
      return total;
    },
  );
}

export const sendBroadcasts = createSendBroadcastsFunction();
