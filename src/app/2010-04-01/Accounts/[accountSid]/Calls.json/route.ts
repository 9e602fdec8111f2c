// Twilio-compatible Calls list resource; the folder is literally named "Calls.json", as Twilio's path is.
import { twilioCallsRoute } from "@/server/twilio/twilio-calls-route";

export const GET = twilioCallsRoute.GET;
export const POST = twilioCallsRoute.POST;
