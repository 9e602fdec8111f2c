// Twilio-compatible IncomingPhoneNumbers list.
import { otherMethods } from "@/server/api/unrouted";
import { twilioIncomingNumbersRoute } from "@/server/twilio/twilio-incoming-numbers-route";

export const GET = twilioIncomingNumbersRoute.GET;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("twilio", ["GET"]);
