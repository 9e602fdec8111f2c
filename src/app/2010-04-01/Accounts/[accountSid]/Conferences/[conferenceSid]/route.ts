// Twilio-compatible Conference instance resource: [conferenceSid] receives "CF….json" (the handler strips ".json").
import { twilioConferenceRoute } from "@/server/twilio/twilio-conferences-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioConferenceRoute.GET;
export const POST = twilioConferenceRoute.POST;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("twilio", ["GET", "POST"]);
