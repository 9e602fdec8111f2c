import { getFlowRoute } from "@/server/api/v1/flows";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getFlowRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
