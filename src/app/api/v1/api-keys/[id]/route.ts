import { getApiKeyRoute, revokeApiKeyRoute } from "@/server/api/v1/api-keys";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getApiKeyRoute.handle;
export const DELETE = revokeApiKeyRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH } = otherMethods("api", ["GET", "DELETE"]);
