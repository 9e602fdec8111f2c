import { createTemplateRoute, listTemplatesRoute } from "@/server/api/v1/templates";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listTemplatesRoute.handle;
export const POST = createTemplateRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
