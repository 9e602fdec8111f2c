import { twilioParticipantsRoute } from "@/server/twilio/twilio-conferences-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioParticipantsRoute.GET;
export const POST = twilioParticipantsRoute.POST;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("twilio", ["GET", "POST"]);
