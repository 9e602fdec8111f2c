// Sign-out ends the session itself, not only the browser's cookie: a copied session token stopped working only
// after 30 days before. Each JWT carries a session id (`sid`); signing out records it here until the token would
// have expired anyway, and the jwt callback refuses it. Reads are cached per process like session versions: a sid
// found revoked stays revoked, one found live is asked again after SESSION_VERSION_CACHE_SECONDS (so another app
// process stops honouring it within that window; this process at once).
import { env } from "@/env";
import { db } from "@/server/db";
import { processState } from "@/server/shared/process-state";

const MAX_ENTRIES = 10_000;
const cache: Map<string, { revoked: boolean; readAt: number }> = processState("auth.revokedSessions", () => new Map());

function remember(sid: string, revoked: boolean): void {
  cache.delete(sid);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(sid, { revoked, readAt: Date.now() });
}

export async function isSessionRevoked(sid: string): Promise<boolean> {
  const hit = cache.get(sid);
  if (hit && (hit.revoked || Date.now() - hit.readAt < env.SESSION_VERSION_CACHE_SECONDS * 1000)) return hit.revoked;
  const revoked = (await db.revokedSession.count({ where: { id: sid } })) > 0;
  remember(sid, revoked);
  return revoked;
}

/** Records a signed-out session (idempotent) and sweeps rows whose tokens have expired by now. */
export async function revokeSession(input: { sid: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.revokedSession.upsert({ where: { id: input.sid }, create: { id: input.sid, userId: input.userId, expiresAt: input.expiresAt }, update: {} });
  remember(input.sid, true);
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
