// Twilio-compatible Recordings list of the account (filter CallSid).
import { otherMethods } from "@/server/api/unrouted";
import { twilioRecordingsRoute } from "@/server/twilio/twilio-recordings-route";

export const GET = twilioRecordingsRoute.GET;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("twilio", ["GET"]);
