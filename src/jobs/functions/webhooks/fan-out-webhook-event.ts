import { inngest } from "@/jobs/client";
import { webhookDeliveryRequested, webhookEventCreated } from "@/jobs/events";
import { createWebhookDeliveries } from "@/server/webhooks/create-webhook-deliveries";

/** One outbox event → one delivery per subscribed endpoint, each delivered by its own run of deliver-webhook. */
export const fanOutWebhookEvent = inngest.createFunction(
  { id: "fan-out-webhook-event", triggers: [webhookEventCreated] },
  async ({ event, step }) => {
    const { deliveryIds } = await step.run("create-deliveries", () => createWebhookDeliveries(event.data.eventId));
    if (deliveryIds.length > 0) {
      // The delivery id as the Inngest event id: a re-run of this function cannot start a second delivery run.
      await step.sendEvent(
        "request-deliveries",
        deliveryIds.map((deliveryId) => webhookDeliveryRequested.create({ deliveryId }, { id: deliveryId })),
      );
    }
    return { eventId: event.data.eventId, deliveries: deliveryIds.length };
  },
);
