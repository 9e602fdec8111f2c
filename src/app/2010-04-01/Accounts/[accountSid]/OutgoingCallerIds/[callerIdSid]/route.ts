// Twilio-compatible OutgoingCallerId: fetch, rename (POST FriendlyName), delete; the segment is "CI….json".
import { otherMethods } from "@/server/api/unrouted";
import { twilioOutgoingCallerIdRoute } from "@/server/twilio/twilio-outgoing-caller-ids-route";

export const GET = twilioOutgoingCallerIdRoute.GET;
export const POST = twilioOutgoingCallerIdRoute.POST;
export const DELETE = twilioOutgoingCallerIdRoute.DELETE;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH } = otherMethods("twilio", ["GET", "POST", "DELETE"]);
