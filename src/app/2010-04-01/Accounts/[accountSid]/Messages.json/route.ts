// Twilio-compatible Messages list resource; the folder is literally named "Messages.json", as Twilio's path is.
import { twilioMessagesRoute } from "@/server/twilio/twilio-messages-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioMessagesRoute.GET;
export const POST = twilioMessagesRoute.POST;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("twilio", ["GET", "POST"]);
