// The one table from FreeSWITCH hangup causes (Q.850 names, with the SIP status FreeSWITCH pairs with them) to the
// final status of a call leg. Rules, in order: an answered call is `completed` whatever the cause; an unanswered
// call whose end was requested through the API is `canceled`; otherwise the table decides; an unknown cause is `failed`.
// The README prints this table (renderHangupCauseTable), so it is the documentation too. IRISX's own causes (a call
// that never reached a switch) have no FreeSWITCH code.
import type { FinalCallStatus } from "@/server/calls/call-view";

export interface HangupCauseInfo {
  cause: string;
  /** FreeSWITCH's numeric cause (switch_call_cause_t): the Q.850 code for Q.850 causes, 487 and 500+ for its own; null for IRISX's own. */
  code: number | null;
  /** SIP status FreeSWITCH maps this cause from/to, where there is a usual one. */
  sip: number | null;
  /** Final status of a leg that ended with this cause before it was answered. */
  unanswered: FinalCallStatus;
  meaning: string;
}

/** The cause of a call that waited queued past its deadline (expire-queued-calls.ts); no switch saw it. */
export const QUEUE_TIMEOUT_CAUSE = "QUEUE_TIMEOUT";

export const HANGUP_CAUSES: readonly HangupCauseInfo[] = [
  { cause: "NORMAL_CLEARING", code: 16, sip: null, unanswered: "NO_ANSWER", meaning: "Normal hang-up (BYE); before answer: the far end gave up ringing" },
  { cause: "ORIGINATOR_CANCEL", code: 487, sip: 487, unanswered: "CANCELED", meaning: "The calling side cancelled before answer (CANCEL / 487)" },
  { cause: "MANAGER_REQUEST", code: 503, sip: null, unanswered: "CANCELED", meaning: "Killed through the event socket (uuid_kill) or an operator" },
  { cause: "LOSE_RACE", code: 502, sip: null, unanswered: "CANCELED", meaning: "Another leg of a simultaneous ring answered first" },
  { cause: "PICKED_OFF", code: 605, sip: null, unanswered: "CANCELED", meaning: "The call was picked up elsewhere (intercept)" },
  { cause: "USER_BUSY", code: 17, sip: 486, unanswered: "BUSY", meaning: "Busy here (486) or busy everywhere (600)" },
  { cause: "CALL_REJECTED", code: 21, sip: 603, unanswered: "BUSY", meaning: "Declined by the called party (603; also 401/402/403/407); counted as busy: the called party refused" },
  { cause: "NO_ANSWER", code: 19, sip: 480, unanswered: "NO_ANSWER", meaning: "Rang until the ring timeout (originate_timeout) without an answer" },
  { cause: "NO_USER_RESPONSE", code: 18, sip: 408, unanswered: "NO_ANSWER", meaning: "No response from the called party (480 / 408)" },
  { cause: "SUBSCRIBER_ABSENT", code: 20, sip: 480, unanswered: "NO_ANSWER", meaning: "The called party is unreachable (phone off, out of coverage)" },
  { cause: "PROGRESS_TIMEOUT", code: 607, sip: null, unanswered: "NO_ANSWER", meaning: "No ringing or early media within progress_timeout" },
  { cause: "ALLOTTED_TIMEOUT", code: 602, sip: null, unanswered: "NO_ANSWER", meaning: "A scheduled hang-up fired (time limit)" },
  { cause: "NORMAL_UNSPECIFIED", code: 31, sip: 480, unanswered: "NO_ANSWER", meaning: "Normal, unspecified (often a 480 without detail)" },
  { cause: "UNALLOCATED_NUMBER", code: 1, sip: 404, unanswered: "FAILED", meaning: "No such number (404)" },
  { cause: "NO_ROUTE_DESTINATION", code: 3, sip: 404, unanswered: "FAILED", meaning: "No route to the destination (485)" },
  { cause: "NUMBER_CHANGED", code: 22, sip: 410, unanswered: "FAILED", meaning: "The number has changed (410)" },
  { cause: "INVALID_NUMBER_FORMAT", code: 28, sip: 484, unanswered: "FAILED", meaning: "Address incomplete or malformed (484)" },
  { cause: "USER_NOT_REGISTERED", code: 606, sip: 404, unanswered: "FAILED", meaning: "A SIP user that is not registered" },
  { cause: "DESTINATION_OUT_OF_ORDER", code: 27, sip: 502, unanswered: "FAILED", meaning: "The destination cannot be reached (502)" },
  { cause: "NETWORK_OUT_OF_ORDER", code: 38, sip: 502, unanswered: "FAILED", meaning: "The network is out of order (502)" },
  { cause: "NORMAL_TEMPORARY_FAILURE", code: 41, sip: 503, unanswered: "FAILED", meaning: "Temporary failure: the carrier answered 503 or 500" },
  { cause: "SWITCH_CONGESTION", code: 42, sip: 503, unanswered: "FAILED", meaning: "The switch is congested (sessions-per-second or max-sessions reached)" },
  { cause: "NORMAL_CIRCUIT_CONGESTION", code: 34, sip: 503, unanswered: "FAILED", meaning: "No circuit or channel available" },
  { cause: "SERVICE_UNAVAILABLE", code: 63, sip: 503, unanswered: "FAILED", meaning: "Service or option not available (405)" },
  { cause: "RECOVERY_ON_TIMER_EXPIRE", code: 102, sip: 504, unanswered: "FAILED", meaning: "A SIP transaction timed out (408 / 504): the gateway did not respond" },
  { cause: "INCOMPATIBLE_DESTINATION", code: 88, sip: 488, unanswered: "FAILED", meaning: "No codec or media in common (488)" },
  { cause: "MEDIA_TIMEOUT", code: 604, sip: null, unanswered: "FAILED", meaning: "No RTP received for the media timeout" },
  { cause: "GATEWAY_DOWN", code: 609, sip: null, unanswered: "FAILED", meaning: "The carrier gateway is down (registration or ping failed)" },
  { cause: "EXCHANGE_ROUTING_ERROR", code: 25, sip: 483, unanswered: "FAILED", meaning: "Too many hops (483)" },
  { cause: "INTERWORKING", code: 127, sip: 500, unanswered: "FAILED", meaning: "A SIP error FreeSWITCH has no closer cause for" },
  { cause: "SYSTEM_SHUTDOWN", code: 501, sip: null, unanswered: "FAILED", meaning: "The switch was shutting down" },
  {
    cause: QUEUE_TIMEOUT_CAUSE,
    code: null,
    sip: null,
    unanswered: "FAILED",
    meaning: "IRISX's own: the call waited `queued` longer than its `queue_timeout` (default: the account's maximum queue time, 60 s) and was never dialled",
  },
];

const BY_CAUSE = new Map(HANGUP_CAUSES.map((c) => [c.cause, c]));

export function hangupCauseInfo(cause: string): HangupCauseInfo | undefined {
  return BY_CAUSE.get(cause.trim().toUpperCase());
}

/** The final status of a leg that ended with `hangupCause` (null when the switch gave none). */
export function finalStatusForHangup(input: { hangupCause: string | null; answered: boolean; endRequested: boolean }): FinalCallStatus {
  if (input.answered) return "COMPLETED";
  if (input.endRequested) return "CANCELED";
  return (input.hangupCause ? hangupCauseInfo(input.hangupCause)?.unanswered : undefined) ?? "FAILED";
}

/** Markdown table of the mapping, for the README. */
export function renderHangupCauseTable(): string {
  const status = (s: FinalCallStatus) => `\`${s.toLowerCase().replace("_", "-")}\``;
  const lines = [
    "Answered calls end `completed` whatever the cause. A call whose end was requested through the API before it was answered ends `canceled`. Otherwise:",
    "",
    "| hangup cause | code | SIP | status if not answered | meaning |",
    "|---|---|---|---|---|",
    ...HANGUP_CAUSES.map((c) => `| \`${c.cause}\` | ${c.code ?? ""} | ${c.sip ?? ""} | ${status(c.unanswered)} | ${c.meaning} |`),
    `| any other cause | | | ${status("FAILED")} | |`,
  ];
  return lines.join("\n");
}
