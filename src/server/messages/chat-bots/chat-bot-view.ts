// What the portal sees of a connected bot: never its token or webhook secret, only the token's last four.
import type { ChatBotChannelName } from "./chat-bots.schemas";

export const CHAT_BOT_SELECT = { id: true, channel: true, externalId: true, name: true, hint: true, createdAt: true } as const;

export interface ChatBotView {
  id: string;
  channel: ChatBotChannelName;
  /** Telegram: the bot's id; Discord: the application id. A message's `from`. */
  externalId: string;
  name: string;
  tokenHint: string;
  /** Where the provider posts (Telegram's setWebhook url, Discord's Interactions Endpoint URL), without the host. */
  webhookPath: string;
  createdAt: Date;
}

export function toChatBotView(r: { id: string; channel: string; externalId: string; name: string; hint: string; createdAt: Date }): ChatBotView {
  const channel = r.channel.toLowerCase() as ChatBotChannelName;
  return { id: r.id, channel, externalId: r.externalId, name: r.name, tokenHint: r.hint, webhookPath: `/api/webhooks/${channel}/${r.externalId}`, createdAt: r.createdAt };
}
