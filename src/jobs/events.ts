// Every Inngest event this app sends or reacts to, typed with zod (v4: `eventType` with a Standard Schema).
// Functions trigger on these objects and senders build payloads with `.create()`, so names and data shapes
// are checked at compile time and validated at runtime.
import { eventType } from "inngest";
import { z } from "zod";

/** An outbox row was published; `id` of the Inngest event is the outbox event id (Inngest de-duplicates). */
export const webhookEventCreated = eventType("webhook/event.created", {
  schema: z.object({ eventId: z.string().min(1) }),
});

/**
 * One delivery (event × endpoint) should be attempted on the retry schedule, from `firstAttempt` (1 when
 * absent; the stuck-delivery sweeper resumes a run that died part way).
 */
export const webhookDeliveryRequested = eventType("webhook/delivery.requested", {
  schema: z.object({ deliveryId: z.string().min(1), firstAttempt: z.number().int().min(1).optional() }),
});

/**
 * Run the broadcast sender now rather than at its next minute (send-broadcasts.ts). The app itself relies on that
 * cron (a sent broadcast starts within a minute under Inngest); this is for a person or a script (Inngest's dashboard,
 * `inngest send`). Carries nothing: the sender takes whatever the database says is due.
 */
export const broadcastSendRequested = eventType("broadcast/send.requested", {
  schema: z.object({}),
});

/** Run the message sender now rather than at its next minute (send-messages.ts); carries nothing. */
export const messageSendRequested = eventType("message/send.requested", {
  schema: z.object({}),
});
