import { cron } from "inngest";
import { inngest } from "@/jobs/client";
import { webhookDeliveryRequested, webhookEventCreated } from "@/jobs/events";
import { findStuckWebhookDeliveries } from "@/server/webhooks/find-stuck-webhook-deliveries";
import { findUnfannedWebhookEvents } from "@/server/webhooks/find-unfanned-webhook-events";

const HOUR_MS = 3_600_000;

/**
 * The backstop, every 10 minutes, for work whose Inngest run is gone: published events whose fan-out never
 * completed are fanned out again (find-unfanned-webhook-events), and deliveries whose run died are requested
 * again, resuming their schedule after the scheduled attempts they already had (find-stuck-webhook-deliveries).
 * Ids change each hour, so a re-request that is itself lost is made again the next hour, while sweeps within
 * one hour (and retries of these steps) are de-duplicated by Inngest.
 */
export const requeueStuckWebhookDeliveries = inngest.createFunction(
  { id: "requeue-stuck-webhook-deliveries", triggers: [cron("*/10 * * * *")] },
  async ({ event, step }) => {
    const hour = Math.floor((event.ts ?? Date.now()) / HOUR_MS);
    const unfanned = await step.run("find-unfanned-events", () => findUnfannedWebhookEvents());
    if (unfanned.length > 0) {
      // A fresh Inngest id: the original id (the outbox id) is inside Inngest's de-duplication window.
      await step.sendEvent(
        "fan-out-events",
        unfanned.map((e) => webhookEventCreated.create({ eventId: e.id }, { id: `${e.id}:refanout:${hour}` })),
      );
    }
    const stuck = await step.run("find-stuck-deliveries", () => findStuckWebhookDeliveries());
    if (stuck.length > 0) {
      await step.sendEvent(
        "request-deliveries",
        stuck.map((d) =>
          webhookDeliveryRequested.create({ deliveryId: d.id, firstAttempt: d.automaticAttempts + 1 }, { id: `${d.id}:requeue:${d.automaticAttempts}:${hour}` }),
        ),
      );
    }
    return { refannedOut: unfanned.length, requeued: stuck.length };
  },
);
