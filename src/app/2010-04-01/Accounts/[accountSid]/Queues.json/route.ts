import { twilioQueuesRoute } from "@/server/twilio/twilio-queues-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioQueuesRoute.GET;
export const POST = twilioQueuesRoute.POST;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("twilio", ["GET", "POST"]);
