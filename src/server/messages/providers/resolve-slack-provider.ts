// The Slack workspace a message leaves from (the tenant's installed workspace whose team id is `from`), its bot token opened.
import { openSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { slackEnv } from "@/server/messages/slack/slack.schemas";
import type { ResolvedMessagingProvider } from "./resolve-messaging-provider";
import { slackMessagingProvider } from "./slack-messaging-provider";

export async function resolveSlackProvider(tenantId: string, teamId: string): Promise<ResolvedMessagingProvider | null> {
  const ws = await db.slackWorkspace.findFirst({ where: { tenantId, teamId }, select: { botTokenCipher: true } });
  if (!ws) return null;
  return { provider: slackMessagingProvider({ botToken: openSecret(ws.botTokenCipher), baseUrl: slackEnv().SLACK_API_BASE_URL }), credentialSource: "tenant", statusCallbackUrl: "" };
}
