import { renderTemplateRoute } from "@/server/api/v1/templates";
import { otherMethods } from "@/server/api/unrouted";

export const POST = renderTemplateRoute.handle;

// Any other method: a JSON 405 naming these.
export const { GET, PUT, PATCH, DELETE } = otherMethods("api", ["POST"]);
