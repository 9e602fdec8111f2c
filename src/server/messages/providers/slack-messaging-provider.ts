// Slack: POST {base}/api/chat.postMessage with the workspace's bot token (Bearer) and JSON { channel, text[, thread_ts] }.
// Slack answers 200 with { ok: true, channel, ts } (the message's id is channel:ts) or { ok: false, error }; 429 carries
// Retry-After and is retried like any provider's.
import { providerSend, type MessagingProvider, type SendOutcome } from "./messaging-provider";

export function slackMessagingProvider(cfg: { botToken: string; baseUrl: string }): MessagingProvider {
  const url = `${cfg.baseUrl.replace(/\/$/, "")}/api/chat.postMessage`;
  return {
    name: "slack",
    send: (message) =>
      providerSend(
        url,
        { method: "POST", headers: { authorization: `Bearer ${cfg.botToken}`, "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ channel: message.to, text: message.body, ...threadOf(message.payload) }) },
        (status, raw): SendOutcome => {
          const body = (raw ?? {}) as { ok?: boolean; ts?: string; channel?: string; error?: string };
          if (status === 200 && body.ok && body.ts) return { outcome: "accepted", providerMessageId: `${body.channel ?? message.to}:${body.ts}` };
          return { outcome: "rejected", errorCode: null, error: `Slack refused the message (${status}${body.error ? `: ${body.error}` : ""})` };
        },
      ),
  };
}

/** A reply in a thread: chat.postMessage's thread_ts. */
function threadOf(payload: unknown): { thread_ts?: string } {
  const ts = (payload as { thread_ts?: unknown } | null | undefined)?.thread_ts;
  return typeof ts === "string" ? { thread_ts: ts } : {};
}
