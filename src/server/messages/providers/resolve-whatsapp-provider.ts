// The WhatsApp number a message leaves from (the tenant's connected number whose E.164 is `from`), with its token
// opened and the Graph API's base URL and version (WHATSAPP_GRAPH_BASE_URL, WHATSAPP_GRAPH_VERSION), read per call.
// A number disconnected after the message was queued: no provider, and the sender fails the message for good.
import { env } from "@/env";
import { openSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { whatsappEnv } from "@/server/messages/whatsapp/whatsapp.schemas";
import type { ResolvedMessagingProvider } from "./resolve-messaging-provider";
import { whatsappMessagingProvider } from "./whatsapp-messaging-provider";

export async function resolveWhatsAppProvider(tenantId: string, from: string): Promise<ResolvedMessagingProvider | null> {
  const number = await db.whatsAppNumber.findUnique({ where: { tenantId_e164: { tenantId, e164: from } }, select: { phoneNumberId: true, accessTokenCipher: true } });
  if (!number) return null;
  const e = whatsappEnv();
  return {
    provider: whatsappMessagingProvider({ accessToken: openSecret(number.accessTokenCipher), phoneNumberId: number.phoneNumberId, baseUrl: e.WHATSAPP_GRAPH_BASE_URL, version: e.WHATSAPP_GRAPH_VERSION }),
    credentialSource: "tenant",
    statusCallbackUrl: `${env.APP_URL.replace(/\/$/, "")}/api/webhooks/whatsapp`,
  };
}
