// Per-key request rate for the REST API, on the shared in-memory mechanism (src/server/shared/rate-limit.ts):
// per process, so N processes allow up to N times the limit.
import { env } from "@/env";
import { AppError } from "@/server/errors";
import { RateLimiterMemory, take } from "@/server/shared/rate-limit";
import { processState } from "@/server/shared/process-state";

const limiters = processState("api.rateLimiters", () => new Map<number, RateLimiterMemory>());

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
  const taken = await take(limiterFor(limit), keyId);
  if (!taken.ok) {
    throw new AppError("RATE_LIMITED", `rate limit of ${limit} requests per second exceeded for this API key; retry after the time in Retry-After`, {
      retryAfter: taken.retryAfter,
      details: { limit_per_second: limit },
    });
  }
  return { limit, remaining: taken.remaining };
}
