import { createCallerIdRoute, listCallerIdsRoute } from "@/server/api/v1/caller-ids";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listCallerIdsRoute.handle;
export const POST = createCallerIdRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
