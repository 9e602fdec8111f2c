import { twilioQueueMemberRoute } from "@/server/twilio/twilio-queues-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioQueueMemberRoute.GET;
export const POST = twilioQueueMemberRoute.POST;

// Any other method: a JSON 405 naming these.
export const { PUT, PATCH, DELETE } = otherMethods("twilio", ["GET", "POST"]);
