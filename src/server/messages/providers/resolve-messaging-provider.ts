// Which account carries a tenant's message: its own (TenantMessagingCredential) or the platform's (MESSAGING_PROVIDER
// with that provider's variables: TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN/TWILIO_API_BASE_URL, TELNYX_API_KEY/
// TELNYX_API_BASE_URL/TELNYX_PUBLIC_KEY). A number bought from a provider sends through that provider; otherwise the
// tenant's own account when it has one, else the platform's. Tenant credentials are cached a few seconds (the sender
// resolves one per message). Platform variables are read per call, as configured-number-provider.ts does.
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { env } from "@/env";
import { openSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { processState } from "@/server/shared/process-state";
import type { MessagingProvider, MessagingProviderName } from "./messaging-provider";
import { telnyxMessagingProvider } from "./telnyx-messaging-provider";
import { twilioMessagingProvider } from "./twilio-messaging-provider";

export interface ResolvedMessagingProvider {
  provider: MessagingProvider;
  credentialSource: "tenant" | "platform";
  statusCallbackUrl: string;
}

interface TenantCredential {
  provider: MessagingProviderName;
  accountId: string | null;
  secret: string;
  publicKey: string | null;
}

const ZPlatformEnv = z.object({
  MESSAGING_PROVIDER: z.enum(["twilio", "telnyx"]).optional(),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_API_BASE_URL: z.url().default("https://api.twilio.com"),
  TELNYX_API_KEY: z.string().optional(),
  TELNYX_API_BASE_URL: z.url().default("https://api.telnyx.com"),
  TELNYX_PUBLIC_KEY: z.string().optional(),
  TELNYX_MESSAGING_PROFILE_ID: z.string().optional(),
});

export function platformMessagingEnv(source: Record<string, string | undefined> = process.env) {
  return ZPlatformEnv.parse(source);
}

const CACHE_TTL_MS = 5_000;
const credentials = processState("messages.credentials", () => new LRUCache<string, { list: TenantCredential[] }>({ max: 10_000, ttl: CACHE_TTL_MS }));

export async function tenantMessagingCredentials(tenantId: string): Promise<TenantCredential[]> {
  const cached = credentials.get(tenantId);
  if (cached) return cached.list;
  const rows = await db.tenantMessagingCredential.findMany({ where: { tenantId }, orderBy: { provider: "desc" } });
  const list = rows.map((r) => ({ provider: r.provider as MessagingProviderName, accountId: r.accountId, secret: openSecret(r.secretCipher), publicKey: r.publicKey }));
  credentials.set(tenantId, { list });
  return list;
}

export function forgetTenantMessagingCredentials(tenantId: string): void {
  credentials.delete(tenantId);
}

export function providerStatusCallbackUrl(provider: "twilio" | "telnyx"): string {
  const base = env.APP_URL.replace(/\/$/, "");
  return provider === "twilio" ? `${base}/api/webhooks/twilio/message-status` : `${base}/api/webhooks/telnyx/messages`;
}

function build(provider: "twilio" | "telnyx", cred: { accountId: string | null; secret: string }, e: ReturnType<typeof platformMessagingEnv>): MessagingProvider {
  return provider === "twilio"
    ? twilioMessagingProvider({ accountSid: cred.accountId ?? "", authToken: cred.secret, baseUrl: e.TWILIO_API_BASE_URL })
    : telnyxMessagingProvider({ apiKey: cred.secret, baseUrl: e.TELNYX_API_BASE_URL, messagingProfileId: e.TELNYX_MESSAGING_PROFILE_ID });
}

/** The provider for a message from a number (whose `provider` is set when it was bought from one); null: none configured. */
export async function resolveMessagingProvider(tenantId: string, numberProvider: string | null): Promise<ResolvedMessagingProvider | null> {
  const e = platformMessagingEnv();
  const own = (await tenantMessagingCredentials(tenantId)).filter((c): c is TenantCredential & { provider: "twilio" | "telnyx" } => c.provider === "twilio" || c.provider === "telnyx");
  const wanted = numberProvider === "twilio" || numberProvider === "telnyx" ? numberProvider : null;
  const mine = wanted ? own.find((c) => c.provider === wanted) : own[0];
  if (mine) return { provider: build(mine.provider, mine, e), credentialSource: "tenant", statusCallbackUrl: providerStatusCallbackUrl(mine.provider) };
  const platform = wanted ?? e.MESSAGING_PROVIDER;
  if (platform === "twilio" && e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN) {
    return { provider: build("twilio", { accountId: e.TWILIO_ACCOUNT_SID, secret: e.TWILIO_AUTH_TOKEN }, e), credentialSource: "platform", statusCallbackUrl: providerStatusCallbackUrl("twilio") };
  }
  if (platform === "telnyx" && e.TELNYX_API_KEY) {
    return { provider: build("telnyx", { accountId: null, secret: e.TELNYX_API_KEY }, e), credentialSource: "platform", statusCallbackUrl: providerStatusCallbackUrl("telnyx") };
  }
  return null;
}
