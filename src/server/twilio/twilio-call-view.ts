// A call as Twilio's Call resource shows it (snake_case, RFC 2822 dates, strings for duration and price), and
// the paging envelope of Twilio's list resources. twilio-node reads these into CallInstance and CallPage.
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { callDirectionName, type CallView } from "@/server/calls/call-view";
import { rfc2822, TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import type { CallStatus } from "@/generated/prisma/client";

export { TWILIO_API_VERSION };

export type TwilioCallStatus = "queued" | "ringing" | "in-progress" | "completed" | "busy" | "failed" | "no-answer" | "canceled";

/** Twilio's Call resource has no `initiated` (only callbacks do): a call being dialled still reads `queued`. */
const TWILIO_CALL_STATUS: Record<CallStatus, TwilioCallStatus> = {
  QUEUED: "queued",
  INITIATED: "queued",
  RINGING: "ringing",
  IN_PROGRESS: "in-progress",
  COMPLETED: "completed",
  BUSY: "busy",
  FAILED: "failed",
  NO_ANSWER: "no-answer",
  CANCELED: "canceled",
};

export interface TwilioCall {
  sid: string;
  date_created: string;
  date_updated: string;
  parent_call_sid: string | null;
  account_sid: string;
  to: string;
  to_formatted: string;
  from: string;
  from_formatted: string;
  phone_number_sid: string | null;
  status: TwilioCallStatus;
  start_time: string | null;
  end_time: string | null;
  duration: string | null;
  price: string | null;
  price_unit: string;
  direction: string;
  answered_by: string | null;
  api_version: string;
  forwarded_from: string | null;
  group_sid: string | null;
  caller_name: string | null;
  queue_time: string;
  trunk_sid: string | null;
  uri: string;
  subresource_uris: Record<string, string>;
}

/** North American numbers as Twilio formats them, "(415) 555-0123"; others stay in E.164. */
export function formatTwilioNumber(number: string): string {
  const parsed = parsePhoneNumberFromString(number);
  return parsed?.countryCallingCode === "1" && parsed.isValid() ? parsed.formatNational() : number;
}

/** Micro-units as Twilio's price: a charge is negative, five decimals ("-0.01400"). */
export function formatTwilioPrice(micros: bigint | null): string | null {
  if (micros === null) return null;
  const magnitude = micros < 0n ? -micros : micros;
  // 1e-5 units, rounded half up.
  const units = (magnitude + 5n) / 10n;
  const text = `${units / 100_000n}.${(units % 100_000n).toString().padStart(5, "0")}`;
  return micros > 0n && units > 0n ? `-${text}` : text;
}

const twilioAccountPath = (accountSid: string) => `/${TWILIO_API_VERSION}/Accounts/${accountSid}`;
export const twilioCallsPath = (accountSid: string) => `${twilioAccountPath(accountSid)}/Calls.json`;

export function toTwilioCall(call: CallView, accountSid: string): TwilioCall {
  const base = `${twilioAccountPath(accountSid)}/Calls/${call.id}`;
  const placedAt = call.initiatedAt;
  return {
    sid: call.id,
    date_created: rfc2822(call.createdAt),
    date_updated: rfc2822(call.updatedAt),
    parent_call_sid: call.parentCallId,
    account_sid: accountSid,
    to: call.to,
    to_formatted: formatTwilioNumber(call.to),
    from: call.from,
    from_formatted: formatTwilioNumber(call.from),
    phone_number_sid: call.phoneNumberId,
    status: TWILIO_CALL_STATUS[call.status],
    start_time: placedAt ? rfc2822(placedAt) : null,
    end_time: call.endedAt ? rfc2822(call.endedAt) : null,
    duration: call.durationSeconds === null ? null : String(call.durationSeconds),
    price: formatTwilioPrice(call.priceMicros),
    price_unit: call.currency,
    direction: callDirectionName(call.direction),
    answered_by: call.answeredBy,
    api_version: TWILIO_API_VERSION,
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    // Milliseconds the call waited for pacing before the switch started placing it.
    queue_time: String(placedAt ? Math.max(0, placedAt.getTime() - call.queuedAt.getTime()) : 0),
    trunk_sid: null,
    uri: `${base}.json`,
    subresource_uris: {
      recordings: `${base}/Recordings.json`,
      notifications: `${base}/Notifications.json`,
      events: `${base}/Events.json`,
    },
  };
}

export interface TwilioCallPage {
  calls: TwilioCall[];
  uri: string;
  first_page_uri: string;
  next_page_uri: string | null;
  previous_page_uri: string | null;
  page: number;
  page_size: number;
  start: number;
  end: number;
}
