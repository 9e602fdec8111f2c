import { env } from "@/env";
import { sealSecret } from "@/server/crypto/secret-box";
import { AppError } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { WHATSAPP_ADMIN_ROLE as CHANNEL_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { SLACK_BOT_SCOPES, SLACK_INSTALL_TTL_MS, slackEnv } from "./slack.schemas";

export const slackRedirectUri = () => `${env.APP_URL.replace(/\/$/, "")}/api/slack/oauth/callback`;

/**
 * The "Add to Slack" address: Slack's OAuth v2 authorize page with the app's client id, bot scopes, our callback and a
 * `state` sealed with APP_ENCRYPTION_KEY (the tenant, the admin and a ten-minute expiry), so the callback installs
 * into the account that asked and nobody can forge or replay one later.
 */
export function startSlackInstall(actor: Actor): { url: string } {
  assertRole(actor, CHANNEL_ADMIN_ROLE);
  const e = slackEnv();
  if (!e.SLACK_CLIENT_ID || !e.SLACK_CLIENT_SECRET) throw new AppError("UNAVAILABLE", "Slack is not configured on this installation (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET)");
  const state = sealSecret(JSON.stringify({ t: actor.tenantId, u: actor.userId, exp: Date.now() + SLACK_INSTALL_TTL_MS }));
  const q = new URLSearchParams({ client_id: e.SLACK_CLIENT_ID, scope: SLACK_BOT_SCOPES.join(","), redirect_uri: slackRedirectUri(), state });
  return { url: `${e.SLACK_API_BASE_URL.replace(/\/$/, "")}/oauth/v2/authorize?${q}` };
}
