import { createApiKeyRoute, listApiKeysRoute } from "@/server/api/v1/api-keys";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listApiKeysRoute.handle;
export const POST = createApiKeyRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
