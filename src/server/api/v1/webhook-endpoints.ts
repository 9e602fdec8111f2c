import { z } from "zod";
import { createWebhookEndpoint } from "@/server/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/server/webhooks/delete-webhook-endpoint";
import { findWebhookEndpoints } from "@/server/webhooks/find-webhook-endpoints";
import { getWebhookEndpoint } from "@/server/webhooks/get-webhook-endpoint";
import { updateWebhookEndpoint } from "@/server/webhooks/update-webhook-endpoint";
import type { WebhookEndpointView } from "@/server/webhooks/webhook-endpoint-view";
import { WEBHOOK_EVENT_TYPE_NAMES } from "@/server/webhooks/webhook-event-types";
import { ZWebhookEventTypeSubscription, ZWebhookUrl } from "@/server/webhooks/webhooks.schemas";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";

const eventTypesDoc = `Event types to deliver, or ["*"] for every type. Known types: ${WEBHOOK_EVENT_TYPE_NAMES.join(", ")}`;

export const ZWebhookEndpointResource = z
  .object({
    id: z.string().meta({ example: "we_01jf3z8k2v9x4q7w5e6r8t0y1u" }),
    url: z.string().meta({ example: "https://example.com/irisx/webhooks" }),
    description: z.string(),
    event_types: z.array(z.string()).meta({ example: ["call.completed"] }),
    status: z.enum(["enabled", "disabled"]),
    disabled_reason: z.string().nullable().meta({ description: "Why the endpoint was disabled (by a user, or automatically after failing for a day)" }),
    disabled_at: z.iso.datetime().nullable(),
    failing_since: z.iso.datetime().nullable().meta({ description: "Start of the current run of failed deliveries; null after any success" }),
    consecutive_failures: z.number().int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });

export const ZCreatedWebhookEndpointResource = ZWebhookEndpointResource.extend({
  secret: z.string().meta({ description: "Signing secret for verifying deliveries; shown here once (the portal can reveal or rotate it)", example: "whsec_..." }),
}).meta({ id: "CreatedWebhookEndpoint" });

export const ZWebhookEndpointParams = z.strictObject({ id: z.string().min(1).max(64).meta({ description: "Webhook endpoint id", example: "we_01jf3z8k2v9x4q7w5e6r8t0y1u" }) });

export function toWebhookEndpointResource(e: WebhookEndpointView): z.input<typeof ZWebhookEndpointResource> {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    event_types: e.eventTypes,
    status: e.status === "ENABLED" ? "enabled" : "disabled",
    disabled_reason: e.disabledReason,
    disabled_at: e.disabledAt?.toISOString() ?? null,
    failing_since: e.failingSince?.toISOString() ?? null,
    consecutive_failures: e.consecutiveFailures,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

export const listWebhookEndpointsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/webhook-endpoints",
    operationId: "listWebhookEndpoints",
    tag: "Webhooks",
    summary: "List webhook endpoints",
    scope: "webhooks:read",
    query: ZPageQuery,
    response: listOf(ZWebhookEndpointResource, "WebhookEndpointList"),
  },
  async ({ actor, query }) => toList(await findWebhookEndpoints(actor, { limit: query.limit, cursor: query.starting_after }), toWebhookEndpointResource),
);

export const createWebhookEndpointRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/webhook-endpoints",
    operationId: "createWebhookEndpoint",
    tag: "Webhooks",
    summary: "Create a webhook endpoint",
    description: "Registers an HTTPS URL to receive signed event deliveries. Private and loopback addresses are refused.",
    scope: "webhooks:write",
    body: z.strictObject({
      url: ZWebhookUrl.meta({ description: "Where to POST events", example: "https://example.com/irisx/webhooks" }),
      description: z.string().trim().max(500).optional().meta({ example: "Production CRM" }),
      event_types: z.array(ZWebhookEventTypeSubscription).min(1).meta({ description: eventTypesDoc, example: ["call.completed"] }),
    }),
    response: ZCreatedWebhookEndpointResource,
    status: 201,
    example: { url: "https://example.com/irisx/webhooks", description: "Production CRM", event_types: ["call.completed"] },
  },
  async ({ actor, body }) => {
    const { endpoint, secret } = await createWebhookEndpoint(actor, { url: body.url, description: body.description, eventTypes: body.event_types });
    return { ...toWebhookEndpointResource(endpoint), secret };
  },
);

export const getWebhookEndpointRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/webhook-endpoints/{id}",
    operationId: "getWebhookEndpoint",
    tag: "Webhooks",
    summary: "Retrieve a webhook endpoint",
    scope: "webhooks:read",
    params: ZWebhookEndpointParams,
    response: ZWebhookEndpointResource,
  },
  async ({ actor, params }) => toWebhookEndpointResource(await getWebhookEndpoint(actor, { id: params.id })),
);

export const updateWebhookEndpointRoute = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/webhook-endpoints/{id}",
    operationId: "updateWebhookEndpoint",
    tag: "Webhooks",
    summary: "Update a webhook endpoint",
    description: "Changes the URL, description or event types, or enables/disables the endpoint. Re-enabling resets its failure count.",
    scope: "webhooks:write",
    params: ZWebhookEndpointParams,
    body: z.strictObject({
      url: ZWebhookUrl.optional(),
      description: z.string().trim().max(500).optional(),
      event_types: z.array(ZWebhookEventTypeSubscription).min(1).optional().meta({ description: eventTypesDoc }),
      enabled: z.boolean().optional(),
    }),
    response: ZWebhookEndpointResource,
    example: { enabled: false },
  },
  async ({ actor, params, body }) =>
    toWebhookEndpointResource(
      await updateWebhookEndpoint(actor, { id: params.id, url: body.url, description: body.description, eventTypes: body.event_types, enabled: body.enabled }),
    ),
);

export const deleteWebhookEndpointRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/webhook-endpoints/{id}",
    operationId: "deleteWebhookEndpoint",
    tag: "Webhooks",
    summary: "Delete a webhook endpoint",
    description: "Deletes the endpoint and its delivery log.",
    scope: "webhooks:write",
    params: ZWebhookEndpointParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }).meta({ id: "DeletedObject" }),
  },
  async ({ actor, params }) => ({ ...(await deleteWebhookEndpoint(actor, { id: params.id })), deleted: true as const }),
);
