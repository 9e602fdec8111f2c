// Twilio-compatible IncomingPhoneNumbers: list, and buy (POST) through the platform's number provider.
import { otherMethods } from "@/server/api/unrouted";
import { twilioIncomingNumbersRoute } from "@/server/twilio/twilio-incoming-numbers-route";

export const GET = twilioIncomingNumbersRoute.GET;
export const POST = twilioIncomingNumbersRoute.POST;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("twilio", ["GET", "POST"]);
