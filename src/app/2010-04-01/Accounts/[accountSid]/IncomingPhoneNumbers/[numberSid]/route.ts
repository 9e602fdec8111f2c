// Twilio-compatible IncomingPhoneNumber: fetch, and update of its handlers (POST); the segment is "PN….json".
import { otherMethods } from "@/server/api/unrouted";
import { twilioIncomingNumberRoute } from "@/server/twilio/twilio-incoming-numbers-route";

export const GET = twilioIncomingNumberRoute.GET;
export const POST = twilioIncomingNumberRoute.POST;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("twilio", ["GET", "POST"]);
