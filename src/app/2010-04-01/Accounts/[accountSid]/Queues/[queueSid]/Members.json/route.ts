import { twilioQueueMembersRoute } from "@/server/twilio/twilio-queues-route";
import { otherMethods } from "@/server/api/unrouted";

export const GET = twilioQueueMembersRoute.GET;

// Any other method: a JSON 405 naming these.
export const { POST, PUT, PATCH, DELETE } = otherMethods("twilio", ["GET"]);
