import { twilioQueueRoute } from "@/server/twilio/twilio-queues-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioQueueRoute.GET;
export const POST = twilioQueueRoute.POST;
export const DELETE = twilioQueueRoute.DELETE;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH } = otherMethods("twilio", ["GET", "POST", "DELETE"]);
