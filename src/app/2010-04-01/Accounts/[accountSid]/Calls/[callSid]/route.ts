// Twilio-compatible Call instance resource: [callSid] receives "CA….json" (the handler strips ".json").
import { twilioCallRoute } from "@/server/twilio/twilio-call-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioCallRoute.GET;
export const POST = twilioCallRoute.POST;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("twilio", ["GET", "POST"]);
