import { getCallRoute, updateCallRoute } from "@/server/api/v1/calls";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getCallRoute.handle;
export const POST = updateCallRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
