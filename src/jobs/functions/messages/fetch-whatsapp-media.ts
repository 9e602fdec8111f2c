import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { fetchWhatsAppMedia } from "@/server/messages/whatsapp/fetch-whatsapp-media";

/** Every minute: inbound WhatsApp media not stored yet (the webhook's own fetch failed) is fetched again. */
export const fetchWhatsAppMediaCron = inngest.createFunction(
  { id: "fetch-whatsapp-media", triggers: [cron("* * * * *")], singleton: { mode: "skip" } },
  async ({ step }) => step.run("fetch", () => fetchWhatsAppMedia({ limit: 50 })),
);
