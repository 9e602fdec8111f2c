import { listWebhookDeliveriesRoute } from "@/server/api/v1/webhook-deliveries";

export const GET = listWebhookDeliveriesRoute.handle;
