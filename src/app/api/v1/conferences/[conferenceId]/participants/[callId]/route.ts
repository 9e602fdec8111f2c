import { getConferenceParticipantRoute, removeConferenceParticipantRoute, updateConferenceParticipantRoute } from "@/server/api/v1/conferences";
import { otherMethods } from "@/server/api/unrouted";

export const GET = getConferenceParticipantRoute.handle;
export const POST = updateConferenceParticipantRoute.handle;
export const DELETE = removeConferenceParticipantRoute.handle;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH } = otherMethods("api", ["GET", "POST", "DELETE"]);
