// The connected bot a Telegram or Discord message leaves from (the tenant's bot whose external id is `from`), its
// token opened, against TELEGRAM_API_BASE_URL / DISCORD_API_BASE_URL read per call. A bot removed after the message
// was queued: no provider, and the sender fails the message for good.
import type { MessageChannel } from "@/generated/prisma/enums";
import { openSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { chatBotEnv } from "@/server/messages/chat-bots/chat-bots.schemas";
import { discordMessagingProvider } from "./discord-messaging-provider";
import type { ResolvedMessagingProvider } from "./resolve-messaging-provider";
import { telegramMessagingProvider } from "./telegram-messaging-provider";

export async function resolveChatBotProvider(tenantId: string, channel: MessageChannel, from: string): Promise<ResolvedMessagingProvider | null> {
  if (channel !== "TELEGRAM" && channel !== "DISCORD") return null;
  const bot = await db.chatBot.findFirst({ where: { tenantId, channel, externalId: from }, select: { tokenCipher: true } });
  if (!bot) return null;
  const e = chatBotEnv();
  const botToken = openSecret(bot.tokenCipher);
  const provider = channel === "TELEGRAM" ? telegramMessagingProvider({ botToken, baseUrl: e.TELEGRAM_API_BASE_URL }) : discordMessagingProvider({ botToken, baseUrl: e.DISCORD_API_BASE_URL });
  return { provider, credentialSource: "tenant", statusCallbackUrl: "" };
}
