// Twilio-compatible Calls list resource; the folder is literally named "Calls.json", as Twilio's path is.
import { twilioCallsRoute } from "@/server/twilio/twilio-calls-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioCallsRoute.GET;
export const POST = twilioCallsRoute.POST;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("twilio", ["GET", "POST"]);
