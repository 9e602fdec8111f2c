// Twilio-compatible AvailablePhoneNumbers search; the last segment is "Local.json", "TollFree.json" or "Mobile.json".
import { otherMethods } from "@/server/api/unrouted";
import { twilioAvailableNumbersRoute } from "@/server/twilio/twilio-available-numbers-route";

export const GET = twilioAvailableNumbersRoute.GET;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("twilio", ["GET"]);
