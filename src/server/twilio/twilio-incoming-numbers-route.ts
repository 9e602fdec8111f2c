// Twilio-compatible IncomingPhoneNumbers: list (filters PhoneNumber, FriendlyName), buy (POST, through the platform's
// number provider, as Twilio buys one), fetch, update of the voice and SMS handlers and the status callback (POST on
// the number), release (DELETE), on the numbers domain's use-cases.
import { z } from "zod";
import { rfc2822, TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import { findPhoneNumbers } from "@/server/numbers/find-phone-numbers";
import { getPhoneNumber } from "@/server/numbers/get-phone-number";
import type { PhoneNumberView } from "@/server/numbers/phone-number-view";
import { purchasePhoneNumber } from "@/server/numbers/purchase-phone-number";
import { releasePhoneNumber } from "@/server/numbers/release-phone-number";
import { updatePhoneNumber } from "@/server/numbers/update-phone-number";
import { AppError } from "@/server/errors";
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
    origin: n.origin === "PROVISIONED" ? (n.provider ?? "twilio") : n.origin === "ASSIGNED" ? "hosted" : "claimed",
    status: n.purchasePending ? "pending" : "in-use",
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

/** Twilio's form handler fields onto the use-cases' (an empty URL clears it, as on Twilio). */
function handlersFromForm(form: { FriendlyName?: string; VoiceUrl?: string; VoiceMethod?: string; StatusCallback?: string; StatusCallbackMethod?: string; SmsUrl?: string; SmsMethod?: string }) {
  const url = (value: string | undefined) => (value === undefined ? undefined : value === "" ? null : value);
  const method = (value: string | undefined) => value?.toUpperCase() as "GET" | "POST" | undefined;
  return {
    friendlyName: form.FriendlyName,
    voiceUrl: url(form.VoiceUrl),
    voiceMethod: method(form.VoiceMethod),
    statusCallbackUrl: url(form.StatusCallback),
    statusCallbackMethod: method(form.StatusCallbackMethod),
    smsUrl: url(form.SmsUrl),
    smsMethod: method(form.SmsMethod),
  };
}

const HANDLER_FORM = {
  FriendlyName: optionalText,
  VoiceUrl: optionalText,
  VoiceMethod: optionalText,
  StatusCallback: optionalText,
  StatusCallbackMethod: optionalText,
  SmsUrl: optionalText,
  SmsMethod: optionalText,
};

const create = defineTwilioRoute(
  {
    method: "POST",
    path: "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json",
    scope: "numbers:write",
    form: z.object({ PhoneNumber: z.string().max(32).optional(), AreaCode: optionalText, ...HANDLER_FORM }),
  },
  async ({ actor, principal, form }) => {
    if (form.AreaCode !== undefined) throw twilioBadRequest(20001, "AreaCode is not supported by IRISX: search AvailablePhoneNumbers and buy a PhoneNumber");
    if (!form.PhoneNumber) throw twilioBadRequest(21421, "Required parameter PhoneNumber missing");
    const handlers = Object.fromEntries(Object.entries(handlersFromForm(form)).filter(([, v]) => v !== undefined && v !== null));
    try {
      const bought = await purchasePhoneNumber(actor, { phoneNumber: form.PhoneNumber, ...handlers });
      return { status: 201, body: toTwilioIncomingNumber(bought, principal.accountSid) };
    } catch (e) {
      // Twilio's answer for a number that cannot be bought, whoever holds it (no owner is named).
      if (e instanceof AppError && (e.code === "CONFLICT" || e.code === "UNPROCESSABLE")) throw twilioBadRequest(21422, `PhoneNumber is not available: ${e.message.replace(/^\w+: /, "")}`);
      throw e;
    }
  },
);

const remove = defineTwilioRoute({ method: "DELETE", path: PATH, scope: "numbers:write" }, async ({ actor, params }) => {
  await releasePhoneNumber(actor, { id: numberSidOf(params.numberSid) });
  return { status: 204 };
});

const update = defineTwilioRoute(
  {
    method: "POST",
    path: PATH,
    scope: "numbers:write",
    form: z.object({
      ...HANDLER_FORM,
      VoiceFallbackUrl: optionalText,
      VoiceApplicationSid: optionalText,
      SmsFallbackUrl: optionalText,
    }),
  },
  async ({ actor, principal, params, form }) => {
    for (const name of ["VoiceFallbackUrl", "VoiceApplicationSid", "SmsFallbackUrl"] as const) {
      if (form[name] !== undefined) throw twilioBadRequest(20001, `${name} is not supported by IRISX yet`);
    }
    const updated = await updatePhoneNumber(actor, { id: numberSidOf(params.numberSid), ...handlersFromForm(form) });
    return { status: 200, body: toTwilioIncomingNumber(updated, principal.accountSid) };
  },
);

export const twilioIncomingNumbersRoute = { GET: list, POST: create };
export const twilioIncomingNumberRoute = { GET: fetchNumber, POST: update, DELETE: remove };
