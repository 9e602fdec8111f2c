// Twilio-compatible AvailablePhoneNumbers/{CountryCode}/{Local|TollFree|Mobile}.json: what the platform's number
// provider sells now (AreaCode, Contains, PageSize), for IncomingPhoneNumbers' POST to buy.
import { z } from "zod";
import { TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import { searchAvailableNumbers } from "@/server/numbers/search-available-numbers";
import { defineTwilioRoute } from "@/server/twilio/define-twilio-route";
import { formatTwilioNumber } from "@/server/twilio/twilio-call-view";
import { TwilioApiError } from "@/server/twilio/twilio-errors";

const TYPES = { "Local.json": "local", "TollFree.json": "toll_free", "Mobile.json": "mobile" } as const;

const list = defineTwilioRoute(
  {
    method: "GET",
    path: "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/{Type}.json",
    scope: "numbers:write",
    query: z.object({
      AreaCode: z.string().max(8).optional(),
      Contains: z.string().max(16).optional(),
      PageSize: z.coerce.number().int().min(1).max(50).optional(),
      VoiceEnabled: z.string().optional(),
      SmsEnabled: z.string().optional(),
    }),
  },
  async ({ actor, principal, params, query }) => {
    const type = TYPES[params.numberType as keyof typeof TYPES];
    const country = params.countryCode ?? "";
    if (!type || !/^[A-Z]{2}$/.test(country)) throw new TwilioApiError(404, 20404, "The requested resource was not found");
    const found = await searchAvailableNumbers(actor, { country, type, areaCode: query.AreaCode, contains: query.Contains, limit: query.PageSize ?? 50 });
    return {
      status: 200,
      body: {
        uri: `/${TWILIO_API_VERSION}/Accounts/${principal.accountSid}/AvailablePhoneNumbers/${country}/${params.numberType}`,
        available_phone_numbers: found.numbers.map((n) => ({
          friendly_name: formatTwilioNumber(n.phoneNumber),
          phone_number: n.phoneNumber,
          locality: n.locality,
          region: n.region,
          iso_country: n.country,
          postal_code: null,
          lata: null,
          rate_center: null,
          latitude: null,
          longitude: null,
          address_requirements: "none",
          beta: false,
          capabilities: { voice: n.capabilities.voice, SMS: n.capabilities.sms, MMS: n.capabilities.mms, fax: false },
        })),
      },
    };
  },
);

export const twilioAvailableNumbersRoute = { GET: list };
