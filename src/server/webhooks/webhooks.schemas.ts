import { z } from "zod";
import { ALL_EVENT_TYPES, WEBHOOK_EVENT_TYPE_NAMES } from "@/server/webhooks/webhook-event-types";
import { ZPageInput } from "@/server/shared/paging";

export const ZWebhookEventTypeSubscription = z.union([z.enum(WEBHOOK_EVENT_TYPE_NAMES), z.literal(ALL_EVENT_TYPES)]);

type TWebhookEventTypeSubscription = z.infer<typeof ZWebhookEventTypeSubscription>;

/** "*" swallows the rest; duplicates collapse. */
const ZEventTypes = z
  .array(ZWebhookEventTypeSubscription)
  .min(1, "pick at least one event type")
  .transform((types): TWebhookEventTypeSubscription[] => (types.includes(ALL_EVENT_TYPES) ? [ALL_EVENT_TYPES] : [...new Set(types)]));

export const ZWebhookUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2048);

export const ZCreateWebhookEndpointInput = z.object({
  url: ZWebhookUrl,
  description: z.string().trim().max(500).default(""),
  eventTypes: ZEventTypes,
});
export type TCreateWebhookEndpointInput = z.input<typeof ZCreateWebhookEndpointInput>;

export const ZUpdateWebhookEndpointInput = z.object({
  id: z.string().min(1),
  url: ZWebhookUrl.optional(),
  description: z.string().trim().max(500).optional(),
  eventTypes: ZEventTypes.optional(),
  enabled: z.boolean().optional(),
});
export type TUpdateWebhookEndpointInput = z.input<typeof ZUpdateWebhookEndpointInput>;

export const ZWebhookEndpointIdInput = z.object({ id: z.string().min(1) });
export type TWebhookEndpointIdInput = z.input<typeof ZWebhookEndpointIdInput>;

export const ZFindWebhookEndpointsInput = ZPageInput;
export type TFindWebhookEndpointsInput = z.input<typeof ZFindWebhookEndpointsInput>;

export const ZFindWebhookDeliveriesInput = ZPageInput.extend({
  endpointId: z.string().min(1),
  status: z.enum(["PENDING", "RETRYING", "SUCCEEDED", "FAILED"]).optional(),
});
export type TFindWebhookDeliveriesInput = z.input<typeof ZFindWebhookDeliveriesInput>;

export const ZRedeliverWebhookInput = z.object({ deliveryId: z.string().min(1) });
export type TRedeliverWebhookInput = z.input<typeof ZRedeliverWebhookInput>;

export const ZWebhookDeliveryStatsInput = z.object({ endpointId: z.string().min(1) });
export type TWebhookDeliveryStatsInput = z.input<typeof ZWebhookDeliveryStatsInput>;
