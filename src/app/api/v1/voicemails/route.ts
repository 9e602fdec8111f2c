import { listVoicemailsRoute } from "@/server/api/v1/voicemails";
import { otherMethods } from "@/server/api/unrouted";

export const GET = listVoicemailsRoute.handle;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("api", ["GET"]);
