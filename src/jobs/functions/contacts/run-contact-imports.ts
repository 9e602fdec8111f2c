import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { runContactImports } from "@/server/contacts/run-contact-imports";

const STEP_DEADLINE_MS = 20_000;
const MAX_PASSES = 500;

/**
 * Every minute while imports wait: step after step, each a pass of the import job (run-contact-imports.ts) that
 * streams batches for up to 20 s and leaves the import where the next step (or the embedded engine) resumes it.
 */
export const runContactImportsCron = inngest.createFunction(
  { id: "run-contact-imports", triggers: [cron("* * * * *")], singleton: { mode: "skip" } },
  async ({ step }) => {
    let rows = 0;
    for (let n = 0; n < MAX_PASSES; n++) {
      const pass = await step.run(`import-pass-${n}`, () => runContactImports({ deadlineMs: STEP_DEADLINE_MS }));
      rows += pass.rows;
      if (pass.idle) break;
    }
    return { rows };
  },
);
