import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { recordHealthSample } from "@/server/admin/record-health-sample";

/**
 * Every minute: one sample of the platform's health for the status history on /admin/health, and samples older
 * than 7 days pruned. "Now" is the scheduled time, so a retried run writes the same minute (once).
 */
export const recordHealthSampleCron = inngest.createFunction(
  { id: "record-health-sample", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const now = new Date(event.ts ?? Date.now());
    return step.run("record-sample", () => recordHealthSample(now));
  },
);
