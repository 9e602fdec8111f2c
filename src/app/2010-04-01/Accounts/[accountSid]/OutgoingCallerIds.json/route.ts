// Twilio-compatible OutgoingCallerIds list (verified caller IDs).
import { otherMethods } from "@/server/api/unrouted";
import { twilioOutgoingCallerIdsRoute } from "@/server/twilio/twilio-outgoing-caller-ids-route";

export const GET = twilioOutgoingCallerIdsRoute.GET;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("twilio", ["GET"]);
