// Fan-out: one WebhookDelivery per enabled endpoint of the event's tenant that subscribes to its type.
// Idempotent through the unique (eventId, endpointId) index, so a re-run (Inngest retry, duplicate event)
// returns the same deliveries without creating more.
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { ALL_EVENT_TYPES } from "@/server/webhooks/webhook-event-types";

export async function createWebhookDeliveries(eventId: string): Promise<{ deliveryIds: string[] }> {
  const event = await db.webhookEvent.findUnique({ where: { id: eventId } });
  if (!event) return { deliveryIds: [] };

  // A test event goes to the one endpoint it was sent to, whatever that endpoint subscribes to.
  const testTarget = event.type === "webhook.test" ? (event.payload as { endpoint_id?: unknown }).endpoint_id : undefined;
  const endpoints = await db.webhookEndpoint.findMany({
    where: {
      tenantId: event.tenantId,
      status: "ENABLED",
      ...(typeof testTarget === "string" ? { id: testTarget } : { eventTypes: { hasSome: [event.type, ALL_EVENT_TYPES] } }),
    },
    select: { id: true },
  });
  // The deliveries and the "fanned out" mark commit together: an event without the mark has no deliveries yet
  // (or had no subscriber), and the sweeper (find-unfanned-webhook-events) runs its fan-out again.
  await db.$transaction(async (tx) => {
    if (endpoints.length > 0) {
      await tx.webhookDelivery.createMany({
        data: endpoints.map((endpoint) => ({ id: newId("wd"), tenantId: event.tenantId, eventId, endpointId: endpoint.id })),
        skipDuplicates: true,
      });
    }
    if (!event.fannedOutAt) await tx.webhookEvent.update({ where: { id: eventId }, data: { fannedOutAt: new Date() }, select: { id: true } });
  });
  const deliveries = await db.webhookDelivery.findMany({
    where: { eventId, status: { in: ["PENDING", "RETRYING"] } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return { deliveryIds: deliveries.map((d) => d.id) };
}
