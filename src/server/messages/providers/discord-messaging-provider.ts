// Discord: POST {base}/channels/{channel id}/messages with `Authorization: Bot <token>` and JSON { content }
// (base DISCORD_API_BASE_URL, default https://discord.com/api/v10). Discord answers 200 with the Message
// ({ id, channel_id }; our id is channel:id) or an error { code, message }; 429 carries retry_after (seconds, a
// float) in the body as well as Retry-After. Discord reports no delivery or read receipts to bots: `sent` is final.
import { providerSend, secondsToMs, type MessagingProvider, type SendOutcome } from "./messaging-provider";

interface DiscordAnswer {
  id?: string;
  channel_id?: string;
  code?: number;
  message?: string;
  retry_after?: number;
}

export function discordMessagingProvider(cfg: { botToken: string; baseUrl: string }): MessagingProvider {
  const base = cfg.baseUrl.replace(/\/$/, "");
  return {
    name: "discord",
    send: (message) =>
      providerSend(
        `${base}/channels/${encodeURIComponent(message.to)}/messages`,
        { method: "POST", headers: { authorization: `Bot ${cfg.botToken}`, "content-type": "application/json" }, body: JSON.stringify({ content: message.body, allowed_mentions: { parse: [] } }) },
        (status, raw): SendOutcome => {
          const body = (raw ?? {}) as DiscordAnswer;
          if (status >= 200 && status < 300 && body.id) return { outcome: "accepted", providerMessageId: `${body.channel_id ?? message.to}:${body.id}` };
          if (status >= 200 && status < 300) return { outcome: "unknown", error: "Discord answered without a message id" };
          return { outcome: "rejected", errorCode: body.code ?? null, error: `Discord refused the message (${status}${body.code ? `, error ${body.code}` : ""}${body.message ? `: ${body.message}` : ""})` };
        },
        { retryAfterFromBody: (raw) => secondsToMs((raw as DiscordAnswer | null)?.retry_after) },
      ),
  };
}
