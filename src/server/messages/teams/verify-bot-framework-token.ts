// The Bot Framework's requests to a bot carry `Authorization: Bearer <JWT>`, checked as its docs say: RS256 signed by
// a key from the jwks_uri of the OpenID metadata (TEAMS_OPENID_METADATA_URL), endorsed for the activity's channel when
// the key lists endorsements, issuer https://api.botframework.com, audience the bot's App ID, not expired (five
// minutes of skew), and its serviceUrl claim equal to the activity's. Keys are kept a day and fetched again when a
// token names an unknown one (at most once a minute).
import { importJWK, jwtVerify, errors as joseErrors, type JWK, type JWTVerifyGetKey } from "jose";
import { BOT_FRAMEWORK_ISSUER, TEAMS_CLOCK_TOLERANCE_SECONDS, teamsEnv } from "./teams.schemas";

export type BotFrameworkVerdict = { ok: true } | { ok: false; reason: "missing" | "invalid" | "expired" | "audience" | "service_url"; message: string };

type BotFrameworkJwk = JWK & { endorsements?: string[] };

const KEYS_TTL_MS = 24 * 60 * 60_000;
const REFETCH_FLOOR_MS = 60_000;
let keySet: { metadataUrl: string; keys: BotFrameworkJwk[]; fetchedAt: number } | null = null;

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

async function signingKeys(forceRefresh: boolean): Promise<BotFrameworkJwk[]> {
  const metadataUrl = teamsEnv().TEAMS_OPENID_METADATA_URL;
  const now = Date.now();
  const fresh = keySet && keySet.metadataUrl === metadataUrl && now - keySet.fetchedAt < KEYS_TTL_MS;
  if (fresh && !(forceRefresh && now - keySet!.fetchedAt > REFETCH_FLOOR_MS)) return keySet!.keys;
  const metadata = (await fetchJson(metadataUrl)) as { jwks_uri?: string };
  if (!metadata.jwks_uri) throw new Error("the OpenID metadata names no jwks_uri");
  const jwks = (await fetchJson(metadata.jwks_uri)) as { keys?: BotFrameworkJwk[] };
  keySet = { metadataUrl, keys: Array.isArray(jwks.keys) ? jwks.keys : [], fetchedAt: now };
  return keySet.keys;
}

/** Drops the cached keys (tests rotate them). */
export function forgetBotFrameworkKeys(): void {
  keySet = null;
}

function keyResolver(channelId: string | undefined): JWTVerifyGetKey {
  return async (header) => {
    if (header.alg !== "RS256" || !header.kid) throw new Error("not an RS256 token with a kid");
    let jwk = (await signingKeys(false)).find((k) => k.kid === header.kid);
    jwk ??= (await signingKeys(true)).find((k) => k.kid === header.kid);
    if (!jwk) throw new Error("signed by an unknown key");
    if (Array.isArray(jwk.endorsements) && channelId && !jwk.endorsements.includes(channelId)) throw new Error(`the key is not endorsed for channel ${channelId}`);
    return importJWK({ ...jwk, alg: "RS256" }, "RS256");
  };
}

export async function verifyBotFrameworkToken(input: { authorization: string | null; appId: string; serviceUrl: string | undefined; channelId: string | undefined }): Promise<BotFrameworkVerdict> {
  const match = /^Bearer\s+(\S+)$/i.exec(input.authorization ?? "");
  if (!match) return { ok: false, reason: "missing", message: "Authorization: Bearer <token> is required" };
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(match[1]!, keyResolver(input.channelId), {
      algorithms: ["RS256"],
      issuer: BOT_FRAMEWORK_ISSUER,
      audience: input.appId,
      clockTolerance: TEAMS_CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp"],
    }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) return { ok: false, reason: "expired", message: "the token has expired" };
    if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === "aud") return { ok: false, reason: "audience", message: "the token is not for this bot (aud)" };
    return { ok: false, reason: "invalid", message: `the token is not valid (${(e as Error).message})` };
  }
  if (!input.serviceUrl || claims.serviceUrl !== input.serviceUrl) return { ok: false, reason: "service_url", message: "the token's serviceUrl does not match the activity's" };
  return { ok: true };
}
