import { getMessageRoute } from "@/server/api/v1/messages";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getMessageRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
