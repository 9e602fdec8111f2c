// Microsoft Teams through the Bot Framework: where bot tokens come from (TEAMS_LOGIN_BASE_URL, Entra's token endpoint)
// and where the keys that sign the Bot Framework's requests are published (TEAMS_OPENID_METADATA_URL); tests point
// both at the stand-in. Each tenant brings its own Azure Bot (App ID, client secret, Entra tenant).
import { z } from "zod";

const ZTeamsEnv = z.object({
  TEAMS_LOGIN_BASE_URL: z.url().default("https://login.microsoftonline.com"),
  TEAMS_OPENID_METADATA_URL: z.url().default("https://login.botframework.com/v1/.well-known/openidconfiguration"),
});

export function teamsEnv(source: Record<string, string | undefined> = process.env) {
  return ZTeamsEnv.parse(source);
}

/** The scope of a token the Bot Connector accepts. */
export const BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default";
/** The `iss` of every token the Bot Framework's channels send to a bot. */
export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
/** The token endpoint's tenant for a multi-tenant bot. */
export const BOT_FRAMEWORK_TENANT = "botframework.com";
/** The Bot Framework allows five minutes of clock skew when validating tokens. */
export const TEAMS_CLOCK_TOLERANCE_SECONDS = 300;

export const TEAMS_APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTRA_TENANT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i;
/** A Bot Framework conversation id: "a:…" (personal), "19:…@thread.…" (channel, group chat), with ;messageid=… in threads. */
export const TEAMS_CONVERSATION_ID = /^[^\s/?#]{3,512}$/;

export const ZConnectTeamsBotInput = z.object({
  name: z.string().trim().min(1, "required").max(80),
  appId: z.string().trim().toLowerCase().regex(TEAMS_APP_ID, "the bot's Microsoft App ID (a GUID, from the Azure Bot's Configuration)"),
  /** Empty or left out: a multi-tenant bot (botframework.com). */
  appTenantId: z
    .string()
    .trim()
    .toLowerCase()
    .default("")
    .transform((v) => v || BOT_FRAMEWORK_TENANT)
    .pipe(z.string().regex(ENTRA_TENANT, `the Entra tenant id (GUID or domain) of a single-tenant bot, or ${BOT_FRAMEWORK_TENANT} for a multi-tenant one`)),
  clientSecret: z.string().trim().min(8, "the client secret's value (Certificates & secrets)").max(512),
});
export type TConnectTeamsBotInput = z.input<typeof ZConnectTeamsBotInput>;
