// Twilio-compatible Account fetch: the segment is "AC….json".
import { otherMethods } from "@/server/api/unrouted";
import { twilioAccountRoute } from "@/server/twilio/twilio-account-route";

export const GET = twilioAccountRoute.GET;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("twilio", ["GET"]);
