import { createApiKeyRoute, listApiKeysRoute } from "@/server/api/v1/api-keys";

export const GET = listApiKeysRoute.handle;
export const POST = createApiKeyRoute.handle;
