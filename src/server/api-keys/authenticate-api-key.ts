// The API's hot path: turn an Authorization header into the key and tenant it speaks for. Verified keys
// are cached in-process for a few seconds so that most requests do no database work here; revocation
// in this process evicts at once, other processes notice within CACHE_TTL_MS.
import { timingSafeEqual } from "node:crypto";
import { LRUCache } from "lru-cache";
import { listenForTenantChanges, onTenantChanged } from "@/server/tenant/tenant-changes";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { assertTenantActive } from "@/server/tenancy";
import { BEARER_PREFIX } from "@/server/api-keys/api-keys.schemas";
import { processState } from "@/server/shared/process-state";
import { hashToken } from "@/server/shared/secret-token";

export const CACHE_TTL_MS = 5_000;
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
const KEY_ID_PATTERN = /^AK[0-9a-f]{32}$/;

export interface ApiKeyPrincipal {
  keyId: string;
  tenantId: string;
  scopes: readonly string[];
  /** Requests per second for this key; null means the platform default. */
  rateLimitPerSecond: number | null;
}

interface CachedKey {
  principal: ApiKeyPrincipal;
  secretHash: Buffer;
  revoked: boolean;
  tenant: { status: string; suspendedReason: string | null };
}

/** Caches "no such key" too, so probing random ids costs one query per id per TTL, not per request. */
const keyCache = processState("apiKeys.verified", () => new LRUCache<string, CachedKey | { missing: true }>({ max: 10_000, ttl: CACHE_TTL_MS }));
const lastUsedWrittenAt = processState("apiKeys.lastUsedWrittenAt", () => new LRUCache<string, number>({ max: 10_000 }));

export interface PresentedCredentials {
  keyId: string;
  secret: string;
}

/** Bearer `irx_<keyId>_<secret>` or Basic base64(`<keyId>:<secret>`), the form Twilio's client libraries send. */
export function parseAuthorization(header: string | null): PresentedCredentials | null {
  if (!header) return null;
  const space = header.indexOf(" ");
  if (space < 0) return null;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === "bearer") {
    if (!value.startsWith(BEARER_PREFIX)) return null;
    const keyId = value.slice(BEARER_PREFIX.length, BEARER_PREFIX.length + 34);
    const secret = value.slice(BEARER_PREFIX.length + 35);
    if (value[BEARER_PREFIX.length + 34] !== "_" || !secret) return null;
    return { keyId, secret };
  }
  if (scheme === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    return { keyId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  return null;
}

async function loadKey(keyId: string): Promise<CachedKey | { missing: true }> {
  const row = await db.apiKey.findUnique({
    where: { id: keyId },
    select: {
      id: true,
      tenantId: true,
      scopes: true,
      secretHash: true,
      revokedAt: true,
      lastUsedAt: true,
      tenant: { select: { status: true, suspendedReason: true, apiRateLimitPerSecond: true } },
    },
  });
  if (!row) return { missing: true };
  if (row.lastUsedAt && !lastUsedWrittenAt.has(keyId)) lastUsedWrittenAt.set(keyId, row.lastUsedAt.getTime());
  return {
    principal: { keyId: row.id, tenantId: row.tenantId, scopes: row.scopes, rateLimitPerSecond: row.tenant.apiRateLimitPerSecond },
    secretHash: Buffer.from(row.secretHash, "hex"),
    revoked: row.revokedAt !== null,
    tenant: { status: row.tenant.status, suspendedReason: row.tenant.suspendedReason },
  };
}

const invalid = () => new AppError("UNAUTHORIZED", "invalid API key: check the key id and secret, and that the key is not revoked");

/**
 * Verifies presented credentials. Throws UNAUTHORIZED for unknown, wrong or revoked keys (one message for
 * all three, so a caller cannot tell which ids exist) and TENANT_SUSPENDED for a suspended tenant.
 */
export async function authenticateApiKey(credentials: PresentedCredentials): Promise<ApiKeyPrincipal> {
  listenForTenantChanges();
  if (!KEY_ID_PATTERN.test(credentials.keyId)) throw invalid();
  let entry = keyCache.get(credentials.keyId);
  if (!entry) {
    entry = await loadKey(credentials.keyId);
    keyCache.set(credentials.keyId, entry);
  }
  if ("missing" in entry) throw invalid();
  const presented = Buffer.from(hashToken(credentials.secret), "hex");
  if (!timingSafeEqual(presented, entry.secretHash) || entry.revoked) throw invalid();
  assertTenantActive(entry.tenant);
  touchLastUsed(credentials.keyId);
  return entry.principal;
}

/** Writes lastUsedAt at most once a minute per key, without making the request wait for it. */
function touchLastUsed(keyId: string): void {
  const now = Date.now();
  const last = lastUsedWrittenAt.get(keyId);
  if (last !== undefined && now - last < LAST_USED_WRITE_INTERVAL_MS) return;
  lastUsedWrittenAt.set(keyId, now);
  void db.apiKey
    .update({ where: { id: keyId }, data: { lastUsedAt: new Date(now) }, select: { id: true } })
    .catch((err: unknown) => logger.warn({ err, keyId }, "could not record API key lastUsedAt"));
}

/** Drops a key from this process's cache (after revoke or create), so the next request re-reads it. */
export function forgetApiKey(keyId: string): void {
  keyCache.delete(keyId);
}

/** Drops every cached key of a tenant (it was suspended or reinstated here or on another instance); null: all. */
export function forgetTenantApiKeys(tenantId: string | null): void {
  if (tenantId === null) return keyCache.clear();
  for (const [keyId, entry] of keyCache.entries()) if (!("missing" in entry) && entry.principal.tenantId === tenantId) keyCache.delete(keyId);
}

onTenantChanged(forgetTenantApiKeys);
