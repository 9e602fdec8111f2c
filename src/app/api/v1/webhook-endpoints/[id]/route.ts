import { deleteWebhookEndpointRoute, getWebhookEndpointRoute, updateWebhookEndpointRoute } from "@/server/api/v1/webhook-endpoints";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getWebhookEndpointRoute.handle;
export const PATCH = updateWebhookEndpointRoute.handle;
export const DELETE = deleteWebhookEndpointRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT } = otherMethods("api", ["GET", "PATCH", "DELETE"]);
