// Who is calling the Twilio-compatible API. HTTP Basic with either the account's own credentials
// (AccountSid:AuthToken, what `twilio(accountSid, authToken)` sends) or an IRISX API key (KeyId:Secret, like
// Twilio's API keys, with `accountSid` passed to the library so the path names the account). The {AccountSid}
// in the path must be the authenticated account's; any other reads as not found, as on Twilio.
import { timingSafeEqual } from "node:crypto";
import { LRUCache } from "lru-cache";
import { listenForTenantChanges, onTenantChanged } from "@/server/tenant/tenant-changes";
import { getTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { scopeAllows, type ApiKeyScope } from "@/server/api-keys/api-keys.schemas";
import { authenticateApiKey, parseAuthorization } from "@/server/api-keys/authenticate-api-key";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { processState } from "@/server/shared/process-state";
import { assertTenantActive } from "@/server/tenancy";

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;
/** Tenant status and limits change rarely; like API keys, other processes see a change within this time. */
const ACCOUNT_CACHE_TTL_MS = 5_000;

interface AccountEntry {
  tenantId: string;
  accountSid: string;
  status: string;
  suspendedReason: string | null;
  rateLimitPerSecond: number | null;
}

const byAccountSid = processState("twilio.accountsBySid", () => new LRUCache<string, AccountEntry | { missing: true }>({ max: 10_000, ttl: ACCOUNT_CACHE_TTL_MS }));
const byTenantId = processState("twilio.accountsByTenant", () => new LRUCache<string, AccountEntry>({ max: 10_000, ttl: ACCOUNT_CACHE_TTL_MS }));

const ACCOUNT_SELECT = { id: true, accountSid: true, status: true, suspendedReason: true, apiRateLimitPerSecond: true } as const;
type AccountRow = { id: string; accountSid: string; status: string; suspendedReason: string | null; apiRateLimitPerSecond: number | null };
const toEntry = (t: AccountRow): AccountEntry => ({ tenantId: t.id, accountSid: t.accountSid, status: t.status, suspendedReason: t.suspendedReason, rateLimitPerSecond: t.apiRateLimitPerSecond });

/** Drops a tenant's cached account (suspended or reinstated here or on another instance); null: all. */
export function forgetTwilioAccount(tenantId: string | null): void {
  if (tenantId === null) {
    byAccountSid.clear();
    byTenantId.clear();
    return;
  }
  const entry = byTenantId.get(tenantId);
  byTenantId.delete(tenantId);
  if (entry) byAccountSid.delete(entry.accountSid);
  for (const [sid, e] of byAccountSid.entries()) if (!("missing" in e) && e.tenantId === tenantId) byAccountSid.delete(sid);
}

async function accountBySid(accountSid: string): Promise<AccountEntry | null> {
  listenForTenantChanges();
  let entry = byAccountSid.get(accountSid);
  if (!entry) {
    const row = await db.tenant.findUnique({ where: { accountSid }, select: ACCOUNT_SELECT });
    entry = row ? toEntry(row) : { missing: true };
    byAccountSid.set(accountSid, entry);
  }
  return "missing" in entry ? null : entry;
}

async function accountByTenantId(tenantId: string): Promise<AccountEntry | null> {
  let entry = byTenantId.get(tenantId);
  if (!entry) {
    const row = await db.tenant.findUnique({ where: { id: tenantId }, select: ACCOUNT_SELECT });
    if (!row) return null;
    entry = toEntry(row);
    byTenantId.set(tenantId, entry);
  }
  return entry;
}

export interface TwilioPrincipal {
  tenantId: string;
  accountSid: string;
  /** The API key used, or null for the account's own AccountSid:AuthToken. */
  apiKeyId: string | null;
  /** Rate-limit bucket: the key, or the account for its own credentials. */
  rateLimitKey: string;
  rateLimitPerSecond: number | null;
}

const invalidCredentials = () => new AppError("UNAUTHORIZED", "Authenticate: the username must be your Account SID (or an API key id) and the password its Auth Token (or the key's secret)");

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks the Authorization header against the account in the path. UNAUTHORIZED for missing or wrong credentials,
 * NOT_FOUND when the path names another account, FORBIDDEN when an API key lacks `scope`.
 */
export async function authenticateTwilioRequest(authorization: string | null, pathAccountSid: string, scope: ApiKeyScope): Promise<TwilioPrincipal> {
  const credentials = parseAuthorization(authorization);
  if (!credentials) throw invalidCredentials();

  if (credentials.keyId.startsWith("AC")) {
    const account = ACCOUNT_SID.test(credentials.keyId) ? await accountBySid(credentials.keyId) : null;
    // An unknown account and a wrong token read the same.
    if (!account || !sameSecret(credentials.secret, await getTenantAuthToken(account.tenantId))) throw invalidCredentials();
    assertTenantActive(account);
    if (pathAccountSid !== account.accountSid) throw new AppError("NOT_FOUND", "resource not found");
    return { tenantId: account.tenantId, accountSid: account.accountSid, apiKeyId: null, rateLimitKey: account.accountSid, rateLimitPerSecond: account.rateLimitPerSecond };
  }

  const key = await authenticateApiKey(credentials);
  const account = await accountByTenantId(key.tenantId);
  if (!account) throw invalidCredentials();
  if (pathAccountSid !== account.accountSid) throw new AppError("NOT_FOUND", "resource not found");
  if (!scopeAllows(key.scopes, scope)) throw new AppError("FORBIDDEN", `this API key lacks the "${scope}" scope`, { details: { required_scope: scope } });
  return { tenantId: key.tenantId, accountSid: account.accountSid, apiKeyId: key.keyId, rateLimitKey: key.keyId, rateLimitPerSecond: key.rateLimitPerSecond };
}

onTenantChanged(forgetTwilioAccount);
