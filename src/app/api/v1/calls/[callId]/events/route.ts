import { listCallEventsRoute } from "@/server/api/v1/calls";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listCallEventsRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
