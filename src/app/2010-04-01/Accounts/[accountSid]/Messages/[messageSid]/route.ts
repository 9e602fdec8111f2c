// Twilio-compatible Message instance resource: [messageSid] receives "SM….json" (the handler strips ".json").
import { twilioMessageRoute } from "@/server/twilio/twilio-messages-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioMessageRoute.GET;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("twilio", ["GET"]);
