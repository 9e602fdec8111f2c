// Any /api/v1 path no operation serves: the API's JSON 404, not the site's HTML page.
import { unknownPath } from "@/server/api/unrouted";

export const { GET, POST, PUT, PATCH, DELETE } = unknownPath("api");
