import { publishFlowRoute } from "@/server/api/v1/flows";
import { otherMethods } from "@/server/api/unrouted";

export const POST = publishFlowRoute.handle;

// Any other method: a JSON 405 naming these.
export const { GET, PUT, PATCH, DELETE } = otherMethods("api", ["POST"]);
