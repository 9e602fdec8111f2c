import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { runAutomation } from "@/server/automation/run-automation";

const MAX_PASSES = 100;

/** Every minute: the automation rules run on the inbound messages queued since, pass after pass until none is due. */
export const runAutomationCron = inngest.createFunction(
  { id: "run-automation", triggers: [cron("* * * * *")], singleton: { mode: "skip" } },
  async ({ step }) => {
    let messages = 0;
    for (let n = 0; n < MAX_PASSES; n++) {
      const pass = await step.run(`pass-${n}`, () => runAutomation({ limit: 100 }));
      messages += pass.messages;
      if (pass.messages + pass.failed === 0) break;
    }
    return { messages };
  },
);
