// Twilio's number API (REST 2010-04-01): AvailablePhoneNumbers to search, IncomingPhoneNumbers to buy and release.
// Bought numbers are attached to the platform's Elastic SIP Trunk (TrunkSid), which sends their calls to the switch.
import { z } from "zod";
import { parseProviderBody, providerRequest, type AvailableNumber, type NumberProvider, type NumberSearch, type NumberType } from "./number-provider";

export interface TwilioNumberProviderConfig {
  accountSid: string;
  authToken: string;
  /** https://api.twilio.com unless a test points it elsewhere. */
  baseUrl: string;
  trunkSid?: string;
}

const TYPE_PATH: Record<NumberType, string> = { local: "Local", toll_free: "TollFree", mobile: "Mobile" };

const ZAvailable = z.object({
  available_phone_numbers: z.array(
    z.object({
      phone_number: z.string(),
      locality: z.string().nullish(),
      region: z.string().nullish(),
      iso_country: z.string(),
      capabilities: z.object({ voice: z.boolean().optional(), SMS: z.boolean().optional(), MMS: z.boolean().optional() }).partial().optional(),
    }),
  ),
});
const ZIncoming = z.object({ sid: z.string().regex(/^PN[0-9a-f]{32}$/i) });

export function twilioNumberProvider(config: TwilioNumberProviderConfig): NumberProvider {
  const account = `${config.baseUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  const parse = <T>(schema: z.ZodType<T>, body: unknown): T => parseProviderBody("twilio", schema, body);
  return {
    name: "twilio",
    async search(query: NumberSearch): Promise<AvailableNumber[]> {
      const params = new URLSearchParams({ PageSize: String(query.limit), VoiceEnabled: "true" });
      if (query.areaCode) params.set("AreaCode", query.areaCode);
      if (query.contains) params.set("Contains", query.contains);
      const body = await providerRequest("twilio", `${account}/AvailablePhoneNumbers/${query.country}/${TYPE_PATH[query.type]}.json?${params}`, { headers: { authorization } });
      return parse(ZAvailable, body).available_phone_numbers.map((n) => ({
        phoneNumber: n.phone_number,
        locality: n.locality || null,
        region: n.region || null,
        country: n.iso_country,
        capabilities: { voice: n.capabilities?.voice ?? true, sms: n.capabilities?.SMS ?? false, mms: n.capabilities?.MMS ?? false },
      }));
    },
    async purchase(phoneNumber: string) {
      const form = new URLSearchParams({ PhoneNumber: phoneNumber });
      if (config.trunkSid) form.set("TrunkSid", config.trunkSid);
      const body = await providerRequest("twilio", `${account}/IncomingPhoneNumbers.json`, {
        method: "POST",
        headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
      });
      return { providerNumberId: parse(ZIncoming, body).sid };
    },
    async release(providerNumberId: string) {
      await providerRequest("twilio", `${account}/IncomingPhoneNumbers/${encodeURIComponent(providerNumberId)}.json`, { method: "DELETE", headers: { authorization } });
    },
  };
}
