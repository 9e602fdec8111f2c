import { twilioConferencesRoute } from "@/server/twilio/twilio-conferences-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioConferencesRoute.GET;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("twilio", ["GET"]);
