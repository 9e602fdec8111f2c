// Twilio-compatible Participant instance resource: [callSid] receives "CA….json" (the handler strips ".json").
import { twilioParticipantRoute } from "@/server/twilio/twilio-conferences-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioParticipantRoute.GET;
export const POST = twilioParticipantRoute.POST;
export const DELETE = twilioParticipantRoute.DELETE;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH } = otherMethods("twilio", ["GET", "POST", "DELETE"]);
