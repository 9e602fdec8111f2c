import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["webhooks"];
export type WebhookEndpointRow = Outputs["list"]["items"][number];
export type WebhookDeliveryRow = Outputs["deliveries"]["items"][number];
export type WebhookEventTypeOption = Outputs["eventTypes"][number];
export type WebhookAttemptHour = Outputs["deliveryStats"][number];
