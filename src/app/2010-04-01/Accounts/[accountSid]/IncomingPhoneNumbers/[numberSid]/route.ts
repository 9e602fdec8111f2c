// Twilio-compatible IncomingPhoneNumber: fetch, update of its handlers (POST), release (DELETE); the segment is "PN….json".
import { otherMethods } from "@/server/api/unrouted";
import { twilioIncomingNumberRoute } from "@/server/twilio/twilio-incoming-numbers-route";

export const GET = twilioIncomingNumberRoute.GET;
export const POST = twilioIncomingNumberRoute.POST;
export const DELETE = twilioIncomingNumberRoute.DELETE;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH } = otherMethods("twilio", ["GET", "POST", "DELETE"]);
