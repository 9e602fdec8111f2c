// Twilio-compatible IncomingPhoneNumbers: list (filters PhoneNumber, FriendlyName), fetch, and update of the voice
// and SMS handlers and the status callback (POST), on the numbers domain's use-cases. Buying and releasing numbers
// go through the native API and the portal.
import { z } from "zod";
import { rfc2822, TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import { findPhoneNumbers } from "@/server/numbers/find-phone-numbers";
import { getPhoneNumber } from "@/server/numbers/get-phone-number";
import type { PhoneNumberView } from "@/server/numbers/phone-number-view";
import { updatePhoneNumber } from "@/server/numbers/update-phone-number";
import { defineTwilioRoute } from "@/server/twilio/define-twilio-route";
import { formatTwilioNumber } from "@/server/twilio/twilio-call-view";
import { TwilioApiError, twilioBadRequest } from "@/server/twilio/twilio-errors";
import { readPageQuery, twilioPage, ZTwilioPageQuery } from "@/server/twilio/twilio-page";

const NUMBER_SID = /^PN[0-9a-f]{32}$/;
const base = (accountSid: string) => `/${TWILIO_API_VERSION}/Accounts/${accountSid}/IncomingPhoneNumbers`;

export function toTwilioIncomingNumber(n: PhoneNumberView, accountSid: string) {
  return {
    sid: n.id,
    account_sid: accountSid,
    phone_number: n.phoneNumber,
    friendly_name: n.friendlyName || formatTwilioNumber(n.phoneNumber),
    capabilities: { voice: n.capabilities.voice, sms: n.capabilities.sms, mms: n.capabilities.mms, fax: false },
    voice_url: n.voiceUrl ?? "",
    voice_method: n.voiceMethod,
    voice_fallback_url: null,
    voice_fallback_method: "POST",
    voice_caller_id_lookup: false,
    voice_application_sid: null,
    status_callback: n.statusCallbackUrl ?? "",
    status_callback_method: n.statusCallbackMethod,
    sms_url: n.smsUrl ?? "",
    sms_method: n.smsMethod,
    sms_fallback_url: null,
    sms_fallback_method: "POST",
    sms_application_sid: null,
    trunk_sid: null,
    emergency_status: "Inactive",
    origin: "twilio",
    status: "in-use",
    api_version: TWILIO_API_VERSION,
    date_created: rfc2822(n.createdAt),
    date_updated: rfc2822(n.updatedAt),
    uri: `${base(accountSid)}/${n.id}.json`,
  };
}

const list = defineTwilioRoute(
  {
    method: "GET",
    path: "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json",
    scope: "numbers:read",
    query: ZTwilioPageQuery.extend({ PhoneNumber: z.string().max(64).optional(), FriendlyName: z.string().max(64).optional() }),
  },
  async ({ actor, principal, query }) => {
    const { cursor, page, pageSize } = readPageQuery(query, NUMBER_SID);
    const search = query.PhoneNumber ?? query.FriendlyName;
    const found = await findPhoneNumbers(actor, { cursor, limit: pageSize, search });
    const items = found.items.map((n) => toTwilioIncomingNumber(n, principal.accountSid));
    return {
      status: 200,
      body: twilioPage("incoming_phone_numbers", items, {
        path: `${base(principal.accountSid)}.json`,
        filters: { PhoneNumber: query.PhoneNumber, FriendlyName: query.FriendlyName },
        page,
        pageSize,
        pageToken: query.PageToken ?? null,
        nextCursor: found.nextCursor,
      }),
    };
  },
);

function numberSidOf(segment: string | undefined): string {
  const sid = (segment ?? "").replace(/\.json$/, "");
  if (!NUMBER_SID.test(sid)) throw new TwilioApiError(404, 20404, "The requested resource was not found");
  return sid;
}

const PATH = "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json";
const optionalText = z.string().max(2048).optional();

const fetchNumber = defineTwilioRoute({ method: "GET", path: PATH, scope: "numbers:read" }, async ({ actor, principal, params }) => ({
  status: 200,
  body: toTwilioIncomingNumber(await getPhoneNumber(actor, { id: numberSidOf(params.numberSid) }), principal.accountSid),
}));

const update = defineTwilioRoute(
  {
    method: "POST",
    path: PATH,
    scope: "numbers:write",
    form: z.object({
      FriendlyName: optionalText,
      VoiceUrl: optionalText,
      VoiceMethod: optionalText,
      StatusCallback: optionalText,
      StatusCallbackMethod: optionalText,
      SmsUrl: optionalText,
      SmsMethod: optionalText,
      VoiceFallbackUrl: optionalText,
      VoiceApplicationSid: optionalText,
      SmsFallbackUrl: optionalText,
    }),
  },
  async ({ actor, principal, params, form }) => {
    for (const name of ["VoiceFallbackUrl", "VoiceApplicationSid", "SmsFallbackUrl"] as const) {
      if (form[name] !== undefined) throw twilioBadRequest(20001, `${name} is not supported by IRISX yet`);
    }
    // Twilio clears a URL given empty; so does this.
    const url = (value: string | undefined) => (value === undefined ? undefined : value === "" ? null : value);
    const updated = await updatePhoneNumber(actor, {
      id: numberSidOf(params.numberSid),
      friendlyName: form.FriendlyName,
      voiceUrl: url(form.VoiceUrl),
      voiceMethod: form.VoiceMethod?.toUpperCase() as "GET" | "POST" | undefined,
      statusCallbackUrl: url(form.StatusCallback),
      statusCallbackMethod: form.StatusCallbackMethod?.toUpperCase() as "GET" | "POST" | undefined,
      smsUrl: url(form.SmsUrl),
      smsMethod: form.SmsMethod?.toUpperCase() as "GET" | "POST" | undefined,
    });
    return { status: 200, body: toTwilioIncomingNumber(updated, principal.accountSid) };
  },
);

export const twilioIncomingNumbersRoute = { GET: list };
export const twilioIncomingNumberRoute = { GET: fetchNumber, POST: update };
