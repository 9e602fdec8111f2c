import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { fetchInboundMedia } from "@/server/messages/inbound-media/fetch-inbound-media";

/** Every minute: inbound WhatsApp and Telegram media not stored yet (the webhook's own fetch failed) is fetched again. */
export const fetchInboundMediaCron = inngest.createFunction(
  { id: "fetch-inbound-media", triggers: [cron("* * * * *")], singleton: { mode: "skip" } },
  async ({ step }) => step.run("fetch", () => fetchInboundMedia({ limit: 50 })),
);
