import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { wakeSnoozedConversations } from "@/server/inbox/wake-snoozed-conversations";

/** Every minute: snoozed conversations whose snooze ended reopen. */
export const wakeSnoozedConversationsCron = inngest.createFunction(
  { id: "wake-snoozed-conversations", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const now = new Date(event.ts ?? Date.now());
    return step.run("wake", () => wakeSnoozedConversations({ now }));
  },
);
