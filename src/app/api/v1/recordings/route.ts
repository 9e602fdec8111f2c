import { listRecordingsRoute } from "@/server/api/v1/recordings";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listRecordingsRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
