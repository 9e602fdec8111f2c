import { deleteCallerIdRoute, getCallerIdRoute } from "@/server/api/v1/caller-ids";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getCallerIdRoute.handle;
export const DELETE = deleteCallerIdRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH } = otherMethods("api", ["GET", "DELETE"]);
