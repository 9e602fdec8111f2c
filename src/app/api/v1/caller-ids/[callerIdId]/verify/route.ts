import { verifyCallerIdRoute } from "@/server/api/v1/caller-ids";
import { otherMethods } from "@/server/api/unrouted";

export const POST = verifyCallerIdRoute.handle;

// Any other method: a JSON 405 naming these.
export const { GET, PUT, PATCH, DELETE } = otherMethods("api", ["POST"]);
