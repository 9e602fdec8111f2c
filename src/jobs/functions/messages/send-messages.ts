import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { messageSendRequested } from "@/jobs/events";
import { sendDueCallbacks } from "@/server/calls/callbacks/send-due-callbacks";
import { runMessageSender, type MessageSenderOptions } from "@/server/messages/run-message-sender";

const STEP_DEADLINE_MS = 20_000;
const MAX_PASSES = 500;

/**
 * Every minute (and on demand), while messages are due: step after step, each a pass of the sender
 * (run-message-sender.ts). One run at a time (singleton), and the sender's advisory lock keeps any other sender (an
 * app process's embedded engine) out too, so the per-sender and per-tenant rates hold. A step that is retried
 * resends nothing: what a pass claimed is `sending` in the database, never queued again unless the provider refused it.
 */
export function createSendMessagesFunction(senderOptions: MessageSenderOptions = {}) {
  return inngest.createFunction({ id: "send-messages", triggers: [cron("* * * * *"), messageSendRequested], singleton: { mode: "skip" } }, async ({ step }) => {
    const total = { sent: 0, retried: 0, failed: 0 };
    for (let n = 0; n < MAX_PASSES; n++) {
      const pass = await step.run(`send-pass-${n}`, () => runMessageSender({ deadlineMs: STEP_DEADLINE_MS, ...senderOptions }));
      total.sent += pass.sent;
      total.retried += pass.retried;
      total.failed += pass.failed;
      if (!pass.locked || (pass.sent === 0 && pass.retried === 0 && pass.failed === 0 && pass.deferred === 0)) break;
      if (pass.sent === 0 && pass.failed === 0) await step.sleep(`paced-${n}`, "1s");
    }
    // The status callbacks those passes queued (the worker's callback sender sends them too; claims keep it once).
    const callbacks = await step.run("send-status-callbacks", () => sendDueCallbacks({ limit: 500 }));
    return { ...total, callbacks: callbacks.succeeded + callbacks.failed };
  });
}

export const sendMessages = createSendMessagesFunction();
