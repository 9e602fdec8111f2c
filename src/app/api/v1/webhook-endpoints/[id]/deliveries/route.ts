import { listWebhookDeliveriesRoute } from "@/server/api/v1/webhook-deliveries";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listWebhookDeliveriesRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
