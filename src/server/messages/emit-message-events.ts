// message.* events into the outbox, only for tenants with an enabled endpoint that subscribes to the type (or "*").
// Messages come hundreds a second, and each outbox event costs a fan-out pass (create-webhook-deliveries.ts: a read,
// a transaction, a read) even when nobody listens: measured, that work alone held the API's acceptance back at 500
// messages a second. An endpoint added later receives the events from then on, as with any event.
import type { Tx } from "@/server/db";
import { emitWebhookEvents, type EmitWebhookEventInput } from "@/server/webhooks/emit-webhook-event";
import { ALL_EVENT_TYPES } from "@/server/webhooks/webhook-event-types";

export async function emitMessageEvents(tx: Tx, events: readonly EmitWebhookEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { tenantId: { in: [...new Set(events.map((e) => e.tenantId))] }, status: "ENABLED" },
    select: { tenantId: true, eventTypes: true },
  });
  const wanted = (e: EmitWebhookEventInput) => endpoints.some((p) => p.tenantId === e.tenantId && (p.eventTypes.includes(e.type) || p.eventTypes.includes(ALL_EVENT_TYPES)));
  await emitWebhookEvents(tx, events.filter(wanted));
}
