import { createVoicemailBoxRoute, listVoicemailBoxesRoute } from "@/server/api/v1/voicemail-boxes";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listVoicemailBoxesRoute.handle;
export const POST = createVoicemailBoxRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("api", ["GET", "POST"]);
