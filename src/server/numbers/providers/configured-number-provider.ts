// Which carrier number API the installation buys numbers from, with the platform's credentials: NUMBER_PROVIDER
// ("twilio" or "telnyx") and that provider's variables (.env.example). None configured: tenants cannot buy numbers
// here, and staff assign them instead. Read per call, so a test (or an operator's restart) sees the current values.
import { z } from "zod";
import type { NumberProvider } from "./number-provider";
import { telnyxNumberProvider } from "./telnyx-number-provider";
import { twilioNumberProvider } from "./twilio-number-provider";

const ZProviderEnv = z.discriminatedUnion("NUMBER_PROVIDER", [
  z.object({
    NUMBER_PROVIDER: z.literal("twilio"),
    TWILIO_ACCOUNT_SID: z.string({ error: "TWILIO_ACCOUNT_SID is required with NUMBER_PROVIDER=twilio" }).min(1, "TWILIO_ACCOUNT_SID is required with NUMBER_PROVIDER=twilio"),
    TWILIO_AUTH_TOKEN: z.string({ error: "TWILIO_AUTH_TOKEN is required with NUMBER_PROVIDER=twilio" }).min(1, "TWILIO_AUTH_TOKEN is required with NUMBER_PROVIDER=twilio"),
    TWILIO_API_BASE_URL: z.url().default("https://api.twilio.com"),
    TWILIO_TRUNK_SID: z.string().optional(),
  }),
  z.object({
    NUMBER_PROVIDER: z.literal("telnyx"),
    TELNYX_API_KEY: z.string({ error: "TELNYX_API_KEY is required with NUMBER_PROVIDER=telnyx" }).min(1, "TELNYX_API_KEY is required with NUMBER_PROVIDER=telnyx"),
    TELNYX_API_BASE_URL: z.url().default("https://api.telnyx.com"),
    TELNYX_CONNECTION_ID: z.string().optional(),
  }),
]);

export function configuredNumberProvider(source: Record<string, string | undefined> = process.env): NumberProvider | null {
  if (!source.NUMBER_PROVIDER) return null;
  const parsed = ZProviderEnv.safeParse(source);
  if (!parsed.success) throw new Error(`number provider misconfigured: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const e = parsed.data;
  if (e.NUMBER_PROVIDER === "twilio") return twilioNumberProvider({ accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, baseUrl: e.TWILIO_API_BASE_URL, trunkSid: e.TWILIO_TRUNK_SID });
  return telnyxNumberProvider({ apiKey: e.TELNYX_API_KEY, baseUrl: e.TELNYX_API_BASE_URL, connectionId: e.TELNYX_CONNECTION_ID });
}
