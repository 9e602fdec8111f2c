// Per-tenant data keys (envelope encryption): a random 256-bit key per tenant and purpose, stored wrapped with
// APP_ENCRYPTION_KEY (secret-box). Rotating APP_ENCRYPTION_KEY re-wraps these rows; the recordings stay as they are.
// Unwrapped keys are cached per process: every range request of a playing recording needs one.
import { randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import { db } from "@/server/db";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";
import { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { processState } from "@/server/shared/process-state";

export type DataKeyPurpose = "recordings";

export interface DataKey {
  id: string;
  key: Buffer;
}

const cache = () =>
  processState("recordings.data-keys", () => ({
    /** `${tenantId}/${dataKeyId}` → unwrapped key (the owner is in the cache key). Keys never change once written. */
    unwrapped: new LRUCache<string, Buffer>({ max: 10_000 }),
    /** `${tenantId}:${purpose}` → the active key's id; short-lived so a retired key stops being used soon. */
    active: new LRUCache<string, string>({ max: 10_000, ttl: 5 * 60_000 }),
  }));

function unwrap(tenantId: string, row: { id: string; wrappedKey: string }): DataKey {
  const c = cache();
  let key = c.unwrapped.get(`${tenantId}/${row.id}`);
  if (!key) {
    key = Buffer.from(openSecret(row.wrappedKey), "base64");
    if (key.length !== 32) throw new AppError("INTERNAL", `data key ${row.id} does not unwrap to 32 bytes`);
    c.unwrapped.set(`${tenantId}/${row.id}`, key);
  }
  return { id: row.id, key };
}

/**
 * The tenant's active key for `purpose`, created on first use. Two processes asking at once for a tenant that
 * has none serialize on an advisory lock, so exactly one key is created and both get it.
 */
export async function getActiveDataKey(tenantId: string, purpose: DataKeyPurpose): Promise<DataKey> {
  const c = cache();
  const cacheKey = `${tenantId}:${purpose}`;
  const cachedId = c.active.get(cacheKey);
  const cachedKey = cachedId ? c.unwrapped.get(`${tenantId}/${cachedId}`) : undefined;
  if (cachedId && cachedKey) return { id: cachedId, key: cachedKey };

  const where = { tenantId, purpose, retiredAt: null };
  const select = { id: true, wrappedKey: true };
  const row =
    (await db.tenantDataKey.findFirst({ where, orderBy: { createdAt: "desc" }, select })) ??
    (await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`tenant-data-key:${tenantId}:${purpose}`}, 0))`;
      const existing = await tx.tenantDataKey.findFirst({ where, orderBy: { createdAt: "desc" }, select });
      if (existing) return existing;
      return tx.tenantDataKey.create({
        data: { id: newId("dk"), tenantId, purpose, wrappedKey: sealSecret(randomBytes(32).toString("base64")) },
        select,
      });
    }));
  const key = unwrap(tenantId, row);
  c.active.set(cacheKey, key.id);
  return key;
}

/** A key by id, only if it belongs to `tenantId` (retired keys still decrypt what they encrypted). */
export async function getDataKey(tenantId: string, dataKeyId: string): Promise<DataKey> {
  const cached = cache().unwrapped.get(`${tenantId}/${dataKeyId}`);
  if (cached) return { id: dataKeyId, key: cached };
  const row = await db.tenantDataKey.findFirst({ where: { id: dataKeyId, tenantId }, select: { id: true, wrappedKey: true } });
  if (!row) throw new AppError("INTERNAL", `data key ${dataKeyId} of tenant ${tenantId} is missing`);
  return unwrap(tenantId, row);
}
