// Twilio-compatible Call instance resource: [callSid] receives "CA….json" (the handler strips ".json").
import { twilioCallRoute } from "@/server/twilio/twilio-call-route";

export const GET = twilioCallRoute.GET;
export const POST = twilioCallRoute.POST;
