// The Teams bot a message leaves from (the tenant's connected bot whose App ID is `from`), its client secret opened,
// and the serviceUrl of the conversation `to` (the latest its activities carried). Either gone: no provider.
import { openSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import type { ResolvedMessagingProvider } from "./resolve-messaging-provider";
import { teamsMessagingProvider } from "./teams-messaging-provider";

export async function resolveTeamsProvider(tenantId: string, appId: string, conversationId: string): Promise<ResolvedMessagingProvider | null> {
  const bot = await db.teamsBot.findFirst({ where: { tenantId, appId }, select: { id: true, appTenantId: true, clientSecretCipher: true } });
  if (!bot) return null;
  const conversation = await db.teamsConversation.findUnique({ where: { botId_conversationId: { botId: bot.id, conversationId } }, select: { serviceUrl: true } });
  if (!conversation) return null;
  const creds = { appId, appTenantId: bot.appTenantId, clientSecret: openSecret(bot.clientSecretCipher) };
  return { provider: teamsMessagingProvider({ bot: creds, serviceUrl: conversation.serviceUrl }), credentialSource: "tenant", statusCallbackUrl: "" };
}
