import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { webhookDeliveryRequested } from "@/jobs/events";
import { findStuckWebhookDeliveries } from "@/server/webhooks/find-stuck-webhook-deliveries";

const HOUR_MS = 3_600_000;

/**
 * The backstop for deliveries whose run is gone (see find-stuck-webhook-deliveries): every 10 minutes each is
 * requested again, resuming its schedule after the scheduled attempts it already had. The event id changes
 * each hour, so a re-request that is itself lost is made again the next hour, while sweeps within one hour
 * (and retries of this step) are de-duplicated by Inngest.
 */
export const requeueStuckWebhookDeliveries = inngest.createFunction(
  { id: "requeue-stuck-webhook-deliveries", triggers: [cron("*/10 * * * *")] },
  async ({ event, step }) => {
    const stuck = await step.run("find-stuck-deliveries", () => findStuckWebhookDeliveries());
    if (stuck.length > 0) {
      const hour = Math.floor((event.ts ?? Date.now()) / HOUR_MS);
      await step.sendEvent(
        "request-deliveries",
        stuck.map((d) =>
          webhookDeliveryRequested.create({ deliveryId: d.id, firstAttempt: d.automaticAttempts + 1 }, { id: `${d.id}:requeue:${d.automaticAttempts}:${hour}` }),
        ),
      );
    }
    return { requeued: stuck.length };
  },
);
