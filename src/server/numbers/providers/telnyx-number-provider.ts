// Telnyx's number API (v2): available_phone_numbers to search, number_orders to buy (attached to the platform's
// SIP connection), phone_numbers/{id} to release.
import { z } from "zod";
import { NumberProviderError, parseProviderBody, providerRequest, type AvailableNumber, type NumberProvider, type NumberSearch } from "./number-provider";

export interface TelnyxNumberProviderConfig {
  apiKey: string;
  /** https://api.telnyx.com unless a test points it elsewhere. */
  baseUrl: string;
  connectionId?: string;
}

const ZAvailable = z.object({
  data: z.array(
    z.object({
      phone_number: z.string(),
      region_information: z.array(z.object({ region_type: z.string(), region_name: z.string() })).optional(),
      features: z.array(z.object({ name: z.string() })).optional(),
    }),
  ),
});
const ZOrder = z.object({
  data: z.object({ id: z.string(), status: z.string(), phone_numbers: z.array(z.object({ id: z.string(), phone_number: z.string(), status: z.string().optional() })).min(1) }),
});

export function telnyxNumberProvider(config: TelnyxNumberProviderConfig): NumberProvider {
  const base = `${config.baseUrl.replace(/\/$/, "")}/v2`;
  const headers = { authorization: `Bearer ${config.apiKey}`, accept: "application/json" };
  const parse = <T>(schema: z.ZodType<T>, body: unknown): T => parseProviderBody("telnyx", schema, body);
  return {
    name: "telnyx",
    async search(query: NumberSearch): Promise<AvailableNumber[]> {
      const params = new URLSearchParams({
        "filter[country_code]": query.country,
        "filter[phone_number_type]": query.type,
        "filter[features][]": "voice",
        "filter[limit]": String(query.limit),
      });
      if (query.areaCode) params.set("filter[national_destination_code]", query.areaCode);
      if (query.contains) params.set("filter[phone_number][contains]", query.contains);
      const body = parse(ZAvailable, await providerRequest("telnyx", `${base}/available_phone_numbers?${params}`, { headers }));
      return body.data.map((n) => {
        const region = (type: string) => n.region_information?.find((r) => r.region_type === type)?.region_name ?? null;
        const features = new Set((n.features ?? []).map((f) => f.name));
        return {
          phoneNumber: n.phone_number,
          locality: region("rate_center") ?? region("location"),
          region: region("state"),
          country: region("country_code") ?? query.country,
          capabilities: { voice: features.has("voice"), sms: features.has("sms"), mms: features.has("mms") },
        };
      });
    },
    async purchase(phoneNumber: string) {
      const order = parse(
        ZOrder,
        await providerRequest("telnyx", `${base}/number_orders`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ phone_numbers: [{ phone_number: phoneNumber }], ...(config.connectionId ? { connection_id: config.connectionId } : {}) }),
        }),
      );
      const bought = order.data.phone_numbers.find((n) => n.phone_number === phoneNumber);
      if (!bought || order.data.status === "failure" || bought.status === "failure") {
        throw new NumberProviderError(`telnyx refused the order for ${phoneNumber} (${order.data.status})`, "unavailable");
      }
      return { providerNumberId: bought.id };
    },
    async release(providerNumberId: string) {
      await providerRequest("telnyx", `${base}/phone_numbers/${encodeURIComponent(providerNumberId)}`, { method: "DELETE", headers });
    },
  };
}
