// Slack: the platform's Slack app (client id/secret for OAuth v2, the signing secret of its Events API requests) and
// the API's base URL (SLACK_API_BASE_URL; tests point it at the stand-in).
import { z } from "zod";

const ZSlackEnv = z.object({
  SLACK_API_BASE_URL: z.url().default("https://slack.com"),
  SLACK_CLIENT_ID: z.string().optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
});

export function slackEnv(source: Record<string, string | undefined> = process.env) {
  return ZSlackEnv.parse(source);
}

/** The bot scopes the install asks for: post, and read the channels and DMs the bot is in. */
export const SLACK_BOT_SCOPES = ["chat:write", "channels:history", "groups:history", "im:history", "mpim:history"];
/** Slack refuses requests whose X-Slack-Request-Timestamp is more than five minutes off; so do we. */
export const SLACK_TOLERANCE_SECONDS = 300;
export const SLACK_INSTALL_TTL_MS = 10 * 60_000;
export const SLACK_TEAM_ID = /^T[A-Z0-9]{2,20}$/;
export const SLACK_CONVERSATION_ID = /^[CDG][A-Z0-9]{2,20}$/;
