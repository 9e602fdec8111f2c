import { deleteRecordingRoute, getRecordingRoute } from "@/server/api/v1/recordings";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getRecordingRoute.handle;
export const DELETE = deleteRecordingRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH } = otherMethods("api", ["GET", "DELETE"]);
