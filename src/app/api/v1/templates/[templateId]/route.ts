import { deleteTemplateRoute, getTemplateRoute, updateTemplateRoute } from "@/server/api/v1/templates";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getTemplateRoute.handle;
export const PATCH = updateTemplateRoute.handle;
export const DELETE = deleteTemplateRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT } = otherMethods("api", ["GET", "PATCH", "DELETE"]);
