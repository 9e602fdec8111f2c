import { getAccountRoute } from "@/server/api/v1/account";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getAccountRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
