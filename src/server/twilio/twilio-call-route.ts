// /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json: fetch (GET) and update (POST: Status=canceled|completed
// through the calls domain's updateCall; Url or Twiml through redirectCall: a live call runs the new TwiML at once).
import { getCall } from "@/server/calls/get-call";
import { isFinalCallStatus } from "@/server/calls/call-view";
import { updateCall } from "@/server/calls/update-call";
import { AppError } from "@/server/errors";
import { defineTwilioRoute } from "@/server/twilio/define-twilio-route";
import { redirectCall } from "@/server/calls/redirect-call";
import { toTwilioCall } from "@/server/twilio/twilio-call-view";
import { ZTwilioUpdateCallForm } from "@/server/twilio/twilio-calls.schemas";
import { TwilioApiError, twilioBadRequest } from "@/server/twilio/twilio-errors";

const PATH = "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json";
/** How long a Status update waits for the switch to end the call before answering with it as it is then. */
const HANGUP_WAIT_MS = 5_000;

/** Next hands the last segment over as written: "CA….json". Without the suffix it is the same resource. */
export function callSidOf(segment: string | undefined): string {
  return (segment ?? "").replace(/\.json$/, "");
}

const fetchCall = defineTwilioRoute({ method: "GET", path: PATH, scope: "calls:read" }, async ({ actor, principal, params }) => {
  const call = await getCall(actor, { callId: callSidOf(params.callSid) });
  return { status: 200, body: toTwilioCall(call, principal.accountSid) };
});

const UNSUPPORTED_UPDATE_PARAMS = ["StatusCallback", "StatusCallbackMethod", "FallbackUrl", "FallbackMethod", "TimeLimit"] as const;

const update = defineTwilioRoute({ method: "POST", path: PATH, scope: "calls:write", form: ZTwilioUpdateCallForm }, async ({ actor, principal, params, form }) => {
  const callId = callSidOf(params.callSid);
  for (const name of UNSUPPORTED_UPDATE_PARAMS) {
    if (form[name] !== undefined) throw twilioBadRequest(20001, `updating ${name} is not supported yet; IRISX updates Status, Url or Twiml`);
  }
  const redirect = form.Url !== undefined || form.Twiml !== undefined;
  if (form.Status !== undefined) {
    if (redirect) throw twilioBadRequest(20001, "Give either Status or Url/Twiml, not both");
    if (form.Status !== "canceled" && form.Status !== "completed") throw twilioBadRequest(20001, `Invalid Status "${form.Status}": canceled or completed`);
    let call = await updateCall(actor, { callId, status: form.Status });
    // Twilio answers a hang-up with the call as it is after it: wait (briefly) for the switch to end it.
    const deadline = Date.now() + HANGUP_WAIT_MS;
    while (!isFinalCallStatus(call.status) && call.endRequestedAt !== null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      call = await getCall(actor, { callId });
    }
    return { status: 200, body: toTwilioCall(call, principal.accountSid) };
  }
  if (!redirect) throw twilioBadRequest(20001, "Nothing to update: give Status, Url or Twiml");
  if (form.Url !== undefined && form.Twiml !== undefined) throw twilioBadRequest(21205, "Give only one of Url and Twiml");
  try {
    const call = await redirectCall(actor, { callId, url: form.Url, method: form.Method, twiml: form.Twiml });
    return { status: 200, body: toTwilioCall(call, principal.accountSid) };
  } catch (e) {
    if (e instanceof AppError && e.code === "CONFLICT") throw new TwilioApiError(400, 21220, "Call is not in-progress. Cannot redirect.");
    const twilioCode = e instanceof AppError && e.code === "VALIDATION_FAILED" ? (e.details as { twilioCode?: number } | undefined)?.twilioCode : undefined;
    if (twilioCode !== undefined) throw twilioBadRequest(twilioCode, `Twiml: ${(e as AppError).message.replace(/^twiml: /, "")}`);
    throw e;
  }
});

export const twilioCallRoute = { GET: fetchCall, POST: update };
