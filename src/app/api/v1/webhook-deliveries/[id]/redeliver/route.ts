import { redeliverWebhookRoute } from "@/server/api/v1/webhook-deliveries";
import { otherMethods } from "@/server/api/unrouted";

export const POST = redeliverWebhookRoute.handle;

// Any other method: a JSON 405 naming these.
export const { GET, PUT, PATCH, DELETE } = otherMethods("api", ["POST"]);
