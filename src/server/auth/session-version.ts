// Whether a session JWT is still honoured: the sessionVersion it was issued with must equal the user's. next-auth
// runs the jwt callback on every session read, so reads are cached per process for SESSION_VERSION_CACHE_SECONDS:
// one primary-key read per user per window. A bump made in this process is seen at once; other processes see it
// within the window. A token newer than the cached version proves the cache stale (versions only grow), so it is
// read again: a sign-in right after a reset must not be taken for an old session.
import { env } from "@/env";
import { db } from "@/server/db";
import { processState } from "@/server/shared/process-state";

const MAX_ENTRIES = 10_000;
type VersionCache = Map<string, { version: number | null; readAt: number }>;
// One per process (see process-state.ts): the reset, a tRPC route, must reach the session reads of every page.
const cache: VersionCache = processState("auth.sessionVersions", () => new Map());

/** The user's current version, or null when the user no longer exists. */
async function currentVersion(userId: string, fresh = false): Promise<number | null> {
  const hit = cache.get(userId);
  if (!fresh && hit && Date.now() - hit.readAt < env.SESSION_VERSION_CACHE_SECONDS * 1000) return hit.version;
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  const version = user?.sessionVersion ?? null;
  cache.delete(userId);
  // Map keeps insertion order, so the first key is the least recently read.
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(userId, { version, readAt: Date.now() });
  return version;
}

export async function isSessionCurrent(userId: string, sessionVersion: number): Promise<boolean> {
  const version = await currentVersion(userId);
  if (version !== null && sessionVersion > version) return (await currentVersion(userId, true)) === sessionVersion;
  return version === sessionVersion;
}

/** After bumping a user's sessionVersion, so this process stops honouring older sessions at once. */
export function forgetSessionVersion(userId: string): void {
  cache.delete(userId);
}

export function clearSessionVersionCache(): void {
  cache.clear();
}

/** Makes every session of the user invalid (bumps its sessionVersion), here at once and elsewhere within the window. */
export async function endAllSessions(userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  forgetSessionVersion(userId);
}
