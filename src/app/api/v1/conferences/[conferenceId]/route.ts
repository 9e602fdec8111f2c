import { getConferenceRoute, updateConferenceRoute } from "@/server/api/v1/conferences";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getConferenceRoute.handle;
export const POST = updateConferenceRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
