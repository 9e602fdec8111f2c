import { getApiKeyRoute, revokeApiKeyRoute } from "@/server/api/v1/api-keys";

export const GET = getApiKeyRoute.handle;
export const DELETE = revokeApiKeyRoute.handle;
