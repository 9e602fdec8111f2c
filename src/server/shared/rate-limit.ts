// The one rate-limit mechanism of the app: rate-limiter-flexible's in-memory limiter. Each app process counts on
// its own, so N processes behind a load balancer allow up to N times any limit, and a restart forgets the
// counters. That is the trade for zero network hops; a shared store (RateLimiterPostgres/Redis) can replace
// RateLimiterMemory here without touching callers.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export { RateLimiterMemory };

export type Taken = { ok: true; consumed: number; remaining: number } | { ok: false; retryAfter: number };

/** Whole seconds, at least 1, rounded up so a client that waits exactly this long is let in. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Whether a rejection is the limiter's refusal. By shape, not `instanceof`: the production build can hold two
 * copies of rate-limiter-flexible (one per server chunk), and a refusal from the other copy failed `instanceof
 * RateLimiterRes`, so every limit answered 500 instead of 429 on `next start`.
 */
function isRefusal(e: unknown): e is RateLimiterRes {
  return e instanceof RateLimiterRes || (typeof e === "object" && e !== null && typeof (e as RateLimiterRes).msBeforeNext === "number" && typeof (e as RateLimiterRes).consumedPoints === "number");
}

/** Takes `points` from the key's budget. A refusal says how long until the budget has room again. */
export async function take(limiter: RateLimiterMemory, key: string, points = 1): Promise<Taken> {
  try {
    const res = await limiter.consume(key, points);
    return { ok: true, consumed: res.consumedPoints, remaining: res.remainingPoints };
  } catch (e) {
    if (isRefusal(e)) return { ok: false, retryAfter: retryAfterSeconds(e.msBeforeNext) };
    throw e;
  }
}

/** "45 seconds", "15 minutes", "2 hours": rounded up, so the user is never told to come back too early. */
export function describeWait(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), "second");
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? plural(minutes, "minute") : plural(Math.ceil(seconds / 3600), "hour");
}
