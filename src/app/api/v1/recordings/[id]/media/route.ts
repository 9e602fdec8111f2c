import { getRecordingMediaRoute } from "@/server/api/v1/recordings";
import { otherMethods } from "@/server/api/unrouted";

export const dynamic = "force-dynamic";
export const GET = getRecordingMediaRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
