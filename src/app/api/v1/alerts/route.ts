import { listAlertsRoute } from "@/server/api/v1/alerts";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listAlertsRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
