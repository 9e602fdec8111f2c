import { createWebhookEndpointRoute, listWebhookEndpointsRoute } from "@/server/api/v1/webhook-endpoints";

export const GET = listWebhookEndpointsRoute.handle;
export const POST = createWebhookEndpointRoute.handle;
