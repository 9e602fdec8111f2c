// Teams through the Bot Connector: POST {serviceUrl}/v3/conversations/{conversationId}/activities with a bot token
// (Bearer, from teams-token.ts) and a JSON message Activity { type: "message", text }; the connector answers 200/201
// with { id } (the activity's id). A token Entra refuses fails the message; 429/5xx from either retry like any provider's.
import { fetchTeamsToken, forgetTeamsTokens, type TeamsBotCredentials } from "@/server/messages/teams/teams-token";
import { providerSend, type MessagingProvider, type SendOutcome } from "./messaging-provider";

export function teamsMessagingProvider(cfg: { bot: TeamsBotCredentials; serviceUrl: string }): MessagingProvider {
  return {
    name: "teams",
    send: async (message) => {
      const token = await fetchTeamsToken(cfg.bot);
      if (!token.ok) {
        const why = `Microsoft refused the bot's token (${token.status || token.error}${token.description ? `: ${token.description.split(/\r?\n/)[0]}` : ""})`;
        return token.retryable ? { outcome: "retry", error: why, retryAfterMs: null } : { outcome: "rejected", errorCode: null, error: why };
      }
      const url = `${cfg.serviceUrl.replace(/\/+$/, "")}/v3/conversations/${encodeURIComponent(message.to)}/activities`;
      return providerSend(
        url,
        { method: "POST", headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ type: "message", text: message.body }) },
        (status, raw): SendOutcome => {
          const body = (raw ?? {}) as { id?: string; error?: { code?: string; message?: string } };
          if ((status === 200 || status === 201) && body.id) return { outcome: "accepted", providerMessageId: body.id };
          if (status === 401) forgetTeamsTokens(cfg.bot.appId);
          return { outcome: "rejected", errorCode: null, error: `Teams refused the message (${status}${body.error?.code ? `: ${body.error.code}` : ""}${body.error?.message ? ` ${body.error.message}` : ""})` };
        },
      );
    },
  };
}
