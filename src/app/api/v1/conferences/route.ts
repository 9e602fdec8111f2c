import { listConferencesRoute } from "@/server/api/v1/conferences";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listConferencesRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
