import { createWebhookEndpointRoute, listWebhookEndpointsRoute } from "@/server/api/v1/webhook-endpoints";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listWebhookEndpointsRoute.handle;
export const POST = createWebhookEndpointRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
