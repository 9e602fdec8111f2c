// Per-key request rate, in memory: each app process enforces the limit on its own, so N processes behind a
// load balancer allow up to N times the limit. That is the trade for zero network hops on the hot path.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/env";
import { AppError } from "@/server/errors";

const limiters = new Map<number, RateLimiterMemory>();

function limiterFor(perSecond: number): RateLimiterMemory {
  let limiter = limiters.get(perSecond);
  if (!limiter) {
    limiter = new RateLimiterMemory({ points: perSecond, duration: 1, keyPrefix: `api${perSecond}` });
    limiters.set(perSecond, limiter);
  }
  return limiter;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
}

/** Takes one request from the key's budget; throws RATE_LIMITED with Retry-After (whole seconds) when spent. */
export async function consumeRateLimit(keyId: string, perSecond: number | null): Promise<RateLimitState> {
  const limit = perSecond ?? env.API_RATE_LIMIT_PER_SECOND;
  try {
    const res = await limiterFor(limit).consume(keyId);
    return { limit, remaining: res.remainingPoints };
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      throw new AppError("RATE_LIMITED", `rate limit of ${limit} requests per second exceeded for this API key; retry after the time in Retry-After`, {
        retryAfter: Math.max(1, Math.ceil(e.msBeforeNext / 1000)),
        details: { limit_per_second: limit },
      });
    }
    throw e;
  }
}
