import { z } from "zod";
import { findWebhookDeliveries, type WebhookDeliveryView } from "@/server/webhooks/find-webhook-deliveries";
import { redeliverWebhook } from "@/server/webhooks/redeliver-webhook";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { ZWebhookEndpointParams } from "@/server/api/v1/webhook-endpoints";

const DELIVERY_STATUSES = ["pending", "retrying", "succeeded", "failed"] as const;

export const ZWebhookDeliveryResource = z
  .object({
    id: z.string().meta({ example: "whd_01jf3z8k2v9x4q7w5e6r8t0y1u" }),
    event_id: z.string().meta({ description: "Stable across retries and redeliveries: receivers de-duplicate on it" }),
    event_type: z.string().meta({ example: "call.completed" }),
    event_created_at: z.iso.datetime(),
    status: z.enum(DELIVERY_STATUSES),
    attempt_count: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    last_attempt_at: z.iso.datetime().nullable(),
    next_attempt_at: z.iso.datetime().nullable(),
    succeeded_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    attempts: z.array(
      z.object({
        attempt: z.number().int(),
        manual: z.boolean().meta({ description: "Requested through redeliver rather than the retry schedule" }),
        started_at: z.iso.datetime(),
        duration_ms: z.number().int(),
        status_code: z.number().int().nullable(),
        error: z.string().nullable(),
        response_body: z.string().nullable().meta({ description: "First part of the receiver's response body" }),
      }),
    ),
  })
  .meta({ id: "WebhookDelivery" });

function toResource(d: WebhookDeliveryView): z.input<typeof ZWebhookDeliveryResource> {
  return {
    id: d.id,
    event_id: d.eventId,
    event_type: d.eventType,
    event_created_at: d.eventCreatedAt.toISOString(),
    status: d.status.toLowerCase() as (typeof DELIVERY_STATUSES)[number],
    attempt_count: d.attemptCount,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    last_attempt_at: d.lastAttemptAt?.toISOString() ?? null,
    next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
    succeeded_at: d.succeededAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
    attempts: d.attempts.map((a) => ({
      attempt: a.attempt,
      manual: a.manual,
      started_at: a.startedAt.toISOString(),
      duration_ms: a.durationMs,
      status_code: a.statusCode,
      error: a.error,
      response_body: a.responseBody,
    })),
  };
}

export const listWebhookDeliveriesRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/webhook-endpoints/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    tag: "Webhooks",
    summary: "List an endpoint's deliveries",
    description: "The delivery log of one endpoint, newest first, each delivery with its attempts.",
    scope: "webhooks:read",
    params: ZWebhookEndpointParams,
    query: ZPageQuery.extend({ status: z.enum(DELIVERY_STATUSES).optional().meta({ description: "Only deliveries in this state" }) }),
    response: listOf(ZWebhookDeliveryResource, "WebhookDeliveryList"),
  },
  async ({ actor, params, query }) => {
    const page = await findWebhookDeliveries(actor, {
      endpointId: params.id,
      limit: query.limit,
      cursor: query.starting_after,
      status: query.status ? (query.status.toUpperCase() as Uppercase<(typeof DELIVERY_STATUSES)[number]>) : undefined,
    });
    return toList(page, toResource);
  },
);

export const redeliverWebhookRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/webhook-deliveries/{id}/redeliver",
    operationId: "redeliverWebhook",
    tag: "Webhooks",
    summary: "Redeliver an event",
    description: "Sends the delivery again now (same event id, fresh signature) and returns the outcome. Works for disabled endpoints too.",
    scope: "webhooks:write",
    params: z.strictObject({ id: z.string().min(1).max(64).meta({ description: "Webhook delivery id" }) }),
    response: z
      .object({
        outcome: z.enum(["succeeded", "failed"]),
        attempt: z.number().int(),
        status_code: z.number().int().nullable(),
        error: z.string().nullable(),
        duration_ms: z.number().int(),
      })
      .meta({ id: "RedeliveryResult" }),
  },
  async ({ actor, params }) => {
    const result = await redeliverWebhook(actor, { deliveryId: params.id });
    return { outcome: result.outcome, attempt: result.attempt, status_code: result.statusCode, error: result.error, duration_ms: result.durationMs };
  },
);
