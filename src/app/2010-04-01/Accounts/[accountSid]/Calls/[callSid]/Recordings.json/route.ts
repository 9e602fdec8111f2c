// Twilio-compatible Recordings of one call (the Call resource's subresource_uris.recordings).
import { otherMethods } from "@/server/api/unrouted";
import { twilioCallRecordingsRoute } from "@/server/twilio/twilio-recordings-route";

export const GET = twilioCallRecordingsRoute.GET;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("twilio", ["GET"]);
