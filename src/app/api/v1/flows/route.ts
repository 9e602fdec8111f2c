import { createFlowRoute, listFlowsRoute } from "@/server/api/v1/flows";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listFlowsRoute.handle;
export const POST = createFlowRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
