import { deleteVoicemailRoute, getVoicemailRoute, updateVoicemailRoute } from "@/server/api/v1/voicemails";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getVoicemailRoute.handle;
export const PATCH = updateVoicemailRoute.handle;
export const DELETE = deleteVoicemailRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT } = otherMethods("api", ["GET", "PATCH", "DELETE"]);
