// The key status callbacks are signed with (X-Twilio-Signature, IRISX-Signature) and Basic auth is checked
// against. Cached per process for a few seconds, since a busy worker signs many callbacks per tenant and each
// read would otherwise decrypt a database row: a rotation is seen here at once, by other processes within
// AUTH_TOKEN_CACHE_TTL_MS (callbacks signed in that window carry the previous token).
import { LRUCache } from "lru-cache";
import { ensureTenantAuthToken } from "@/server/account/ensure-tenant-auth-token";
import { notFound } from "@/server/errors";
import { processState } from "@/server/shared/process-state";

const AUTH_TOKEN_CACHE_TTL_MS = 10_000;

const tokens = processState("account.authTokens", () => new LRUCache<string, string>({ max: 10_000, ttl: AUTH_TOKEN_CACHE_TTL_MS }));

/** The tenant's auth token (created on first use). Throws NOT_FOUND for an unknown tenant. */
export async function getTenantAuthToken(tenantId: string): Promise<string> {
  const cached = tokens.get(tenantId);
  if (cached !== undefined) return cached;
  const credentials = await ensureTenantAuthToken(tenantId);
  if (!credentials) throw notFound("tenant");
  tokens.set(tenantId, credentials.authToken);
  return credentials.authToken;
}

/** Drops this process's copy (after a rotation), so the next use reads the new token. */
export function forgetTenantAuthToken(tenantId: string): void {
  tokens.delete(tenantId);
}
