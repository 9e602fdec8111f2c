// Twilio-compatible Recording: "RE….json" (the resource, or DELETE), "RE…" or "RE….wav" (the audio).
import { otherMethods } from "@/server/api/unrouted";
import { twilioRecordingRoute } from "@/server/twilio/twilio-recordings-route";

export const GET = twilioRecordingRoute.GET;
export const DELETE = twilioRecordingRoute.DELETE;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH } = otherMethods("twilio", ["GET", "DELETE"]);
