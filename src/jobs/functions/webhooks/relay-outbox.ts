import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { drainOutbox } from "@/jobs/outbox-relay";

/**
 * A backstop for deployments where no long-lived app process runs startOutboxRelay (serverless): every
 * minute, whatever is still in the outbox is published.
 */
export const relayOutboxCron = inngest.createFunction(
  { id: "relay-outbox", triggers: [cron("* * * * *")] },
  async ({ step }) => step.run("drain-outbox", () => drainOutbox()),
);
