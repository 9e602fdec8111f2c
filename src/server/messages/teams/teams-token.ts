// A bot's access token for the Bot Connector: Entra's client-credentials grant at
// {TEAMS_LOGIN_BASE_URL}/{tenant}/oauth2/v2.0/token (form-encoded grant_type, client_id, client_secret, scope
// https://api.botframework.com/.default). Tokens are kept in memory until five minutes before they expire.
import { createHash } from "node:crypto";
import { BOT_FRAMEWORK_SCOPE, teamsEnv } from "./teams.schemas";

export interface TeamsBotCredentials {
  appId: string;
  appTenantId: string;
  clientSecret: string;
}

export type TeamsTokenResult =
  | { ok: true; token: string }
  /** `retryable`: Entra answered 429/5xx or could not be reached; otherwise it refused the credentials. */
  | { ok: false; retryable: boolean; status: number; error: string; description: string };

const EXPIRY_MARGIN_MS = 5 * 60_000;
const cache = new Map<string, { token: string; expiresAt: number }>();

const cacheKey = (c: TeamsBotCredentials, url: string) => `${url}|${c.appId}|${createHash("sha256").update(c.clientSecret).digest("base64url")}`;

export async function fetchTeamsToken(creds: TeamsBotCredentials, now = Date.now()): Promise<TeamsTokenResult> {
  const url = `${teamsEnv().TEAMS_LOGIN_BASE_URL.replace(/\/$/, "")}/${encodeURIComponent(creds.appTenantId)}/oauth2/v2.0/token`;
  const key = cacheKey(creds, url);
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now) return { ok: true, token: hit.token };
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: creds.appId, client_secret: creds.clientSecret, scope: BOT_FRAMEWORK_SCOPE }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    return { ok: false, retryable: true, status: 0, error: "unreachable", description: `the token endpoint could not be reached (${(e as Error).name})` };
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
  if (res.ok && body.access_token) {
    const ttlMs = (Number(body.expires_in) || 3600) * 1000;
    cache.set(key, { token: body.access_token, expiresAt: now + Math.max(0, ttlMs - EXPIRY_MARGIN_MS) });
    return { ok: true, token: body.access_token };
  }
  return { ok: false, retryable: res.status === 429 || res.status >= 500, status: res.status, error: body.error ?? `http_${res.status}`, description: body.error_description ?? "" };
}

/** Forgets a bot's cached tokens (its secret was replaced or the bot disconnected). */
export function forgetTeamsTokens(appId: string): void {
  for (const k of cache.keys()) if (k.split("|")[1] === appId) cache.delete(k);
}
