import { deleteVoicemailBoxRoute, getVoicemailBoxRoute, updateVoicemailBoxRoute } from "@/server/api/v1/voicemail-boxes";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getVoicemailBoxRoute.handle;
export const PATCH = updateVoicemailBoxRoute.handle;
export const DELETE = deleteVoicemailBoxRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT } = otherMethods("api", ["GET", "PATCH", "DELETE"]);
