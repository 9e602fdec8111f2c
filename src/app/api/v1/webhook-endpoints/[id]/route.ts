import { deleteWebhookEndpointRoute, getWebhookEndpointRoute, updateWebhookEndpointRoute } from "@/server/api/v1/webhook-endpoints";

export const GET = getWebhookEndpointRoute.handle;
export const PATCH = updateWebhookEndpointRoute.handle;
export const DELETE = deleteWebhookEndpointRoute.handle;
