import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";
import { ZCallIdInput, type TCallIdInput } from "@/server/calls/calls.schemas";
import { loadTenantCall } from "@/server/calls/get-call";

export interface CallWebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  endpointUrl: string;
  status: "PENDING" | "RETRYING" | "SUCCEEDED" | "FAILED";
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  succeededAt: Date | null;
  createdAt: Date;
}

/** A call leg has a handful of events and a tenant a few endpoints; more than this is not a list to read. */
const MAX_DELIVERIES = 200;

/**
 * The tenant's webhook deliveries of this call's events (`call.*` events whose `data.call.id` is the call), in
 * the order they were created. Endpoint URLs are webhook settings, so this is for those who manage webhooks.
 */
export async function findCallWebhookDeliveries(actor: Actor, input: TCallIdInput): Promise<CallWebhookDeliveryView[]> {
  assertRole(actor, WEBHOOK_ROLE);
  const { callId } = ZCallIdInput.parse(input);
  const call = await loadTenantCall(db, actor.tenantId, callId);
  const rows = await db.webhookDelivery.findMany({
    where: {
      tenantId: actor.tenantId,
      // The call's events are written with or after the call, so the tenant's event index bounds the scan.
      event: { tenantId: actor.tenantId, createdAt: { gte: call.createdAt }, type: { startsWith: "call." }, payload: { path: ["call", "id"], equals: callId } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_DELIVERIES,
    include: { event: { select: { type: true } }, endpoint: { select: { url: true } } },
  });
  return rows.map((d) => ({
    id: d.id,
    eventId: d.eventId,
    eventType: d.event.type,
    endpointId: d.endpointId,
    endpointUrl: d.endpoint.url,
    status: d.status,
    attemptCount: d.attemptCount,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastAttemptAt: d.lastAttemptAt,
    succeededAt: d.succeededAt,
    createdAt: d.createdAt,
  }));
}
