// Which Resend account carries a tenant's email: its own API key (TenantMessagingCredential provider "resend",
// sealed) or the platform's (RESEND_API_KEY, RESEND_BASE_URL: https://api.resend.com unless a test points it
// elsewhere). Read per call, as resolve-messaging-provider.ts does. Resend reports statuses to our one webhook
// (/api/webhooks/resend), configured in the Resend account rather than per request.
import { z } from "zod";
import { env } from "@/env";
import type { ResolvedMessagingProvider } from "./resolve-messaging-provider";
import { tenantMessagingCredentials } from "./resolve-messaging-provider";
import { resendMessagingProvider } from "./resend-messaging-provider";

const ZEmailEnv = z.object({ RESEND_API_KEY: z.string().optional(), RESEND_BASE_URL: z.url().default("https://api.resend.com") });

export async function resolveEmailProvider(tenantId: string): Promise<ResolvedMessagingProvider | null> {
  const e = ZEmailEnv.parse(process.env);
  const statusCallbackUrl = `${env.APP_URL.replace(/\/$/, "")}/api/webhooks/resend`;
  const own = (await tenantMessagingCredentials(tenantId)).find((c) => c.provider === "resend");
  if (own) return { provider: resendMessagingProvider({ apiKey: own.secret, baseUrl: e.RESEND_BASE_URL }), credentialSource: "tenant", statusCallbackUrl };
  if (e.RESEND_API_KEY) return { provider: resendMessagingProvider({ apiKey: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL }), credentialSource: "platform", statusCallbackUrl };
  return null;
}
