// Bots a tenant connects by token (Telegram, Discord): the APIs' base URLs (tests point them at the stand-ins), the
// connect inputs, and the address shapes a message's `from` / `to` take on these channels.
import { z } from "zod";

const ZChatBotEnv = z.object({
  TELEGRAM_API_BASE_URL: z.url().default("https://api.telegram.org"),
  DISCORD_API_BASE_URL: z.url().default("https://discord.com/api/v10"),
});

export function chatBotEnv(source: Record<string, string | undefined> = process.env) {
  return ZChatBotEnv.parse(source);
}

export const CHAT_BOT_CHANNELS = ["telegram", "discord"] as const;
export type ChatBotChannelName = (typeof CHAT_BOT_CHANNELS)[number];
export const chatBotChannelEnum = (c: ChatBotChannelName) => (c === "telegram" ? "TELEGRAM" : "DISCORD") as "TELEGRAM" | "DISCORD";

/** Telegram's token as BotFather gives it: "<bot id>:<35 characters>". */
export const TELEGRAM_BOT_TOKEN = /^\d{5,20}:[A-Za-z0-9_-]{30,60}$/;
/** A bot's id, or its @username (5–32 characters, ends in "bot"). */
export const TELEGRAM_BOT = /^(\d{5,20}|@?[A-Za-z][A-Za-z0-9_]{3,31})$/;
/** A chat id (negative for groups and channels) or a public channel's @username. */
export const TELEGRAM_CHAT = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/;
/** Discord's ids are snowflakes: 17 to 20 digits. */
export const DISCORD_SNOWFLAKE = /^\d{17,20}$/;
/** Discord refuses interactions whose X-Signature-Timestamp is stale; five minutes, like the other providers. */
export const DISCORD_TOLERANCE_SECONDS = 300;

export const ZConnectTelegramBotInput = z.object({
  token: z.string().trim().regex(TELEGRAM_BOT_TOKEN, "a bot token from @BotFather, like 123456789:AAE…"),
});
export type TConnectTelegramBotInput = z.input<typeof ZConnectTelegramBotInput>;

export const ZConnectDiscordAppInput = z.object({
  applicationId: z.string().trim().regex(DISCORD_SNOWFLAKE, "the application id from the Developer Portal (17 to 20 digits)"),
  publicKey: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, "the application's public key: 64 hexadecimal characters").transform((s) => s.toLowerCase()),
  botToken: z.string().trim().min(50, "the bot token from the Developer Portal → Bot").max(100).regex(/^[A-Za-z0-9._-]+$/, "the bot token from the Developer Portal → Bot"),
});
export type TConnectDiscordAppInput = z.input<typeof ZConnectDiscordAppInput>;

export const ZRemoveChatBotInput = z.object({ chatBotId: z.string().min(1).max(64) });
