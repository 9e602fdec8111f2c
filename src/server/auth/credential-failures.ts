// Failed API-key and Auth-Token attempts, throttled. Per client address: an address that keeps presenting wrong
// credentials is refused for a while (429), whichever key it tries. Per key id (or AccountSid): once a key has seen
// many wrong secrets, further wrong ones are answered 429 instead of 401 and logged, while the right secret still
// works, so nobody can lock a tenant's integration out by guessing at its key. Counters live in this process
// (src/server/shared/rate-limit.ts), like every other limit of the app.
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { processState } from "@/server/shared/process-state";
import { describeWait, RateLimiterMemory, take } from "@/server/shared/rate-limit";

const WINDOW_SECONDS = 5 * 60;

export interface CredentialFailureLimits {
  perAddress: number;
  perKey: number;
}

function build(limits: CredentialFailureLimits) {
  return {
    limits,
    byAddress: new RateLimiterMemory({ keyPrefix: "cred_fail_ip", points: limits.perAddress, duration: WINDOW_SECONDS }),
    byKey: new RateLimiterMemory({ keyPrefix: "cred_fail_key", points: limits.perKey, duration: WINDOW_SECONDS }),
  };
}

const state = processState("auth.credentialFailures", () => ({ current: build({ perAddress: 30, perKey: 20 }) }));

/** Fresh counters (tests), optionally with other limits. */
export function configureCredentialFailureLimits(limits: Partial<CredentialFailureLimits> = {}): void {
  state.current = build({ perAddress: 30, perKey: 20, ...limits });
}

function throttled(retryAfter: number): AppError {
  return new AppError("RATE_LIMITED", `Too many failed authentication attempts. Try again in ${describeWait(retryAfter)}.`, { retryAfter });
}

/**
 * Runs `authenticate` for a caller at `ip` presenting `keyId`. An address over its failure budget is refused before
 * anything is checked; a failure (UNAUTHORIZED) is counted against the address and the key, and beyond the key's
 * budget answered RATE_LIMITED.
 */
export async function authenticateThrottled<T>(input: { ip: string | null; keyId: string | null }, authenticate: () => Promise<T>): Promise<T> {
  const { byAddress, byKey } = state.current;
  if (input.ip) {
    const spent = await byAddress.get(input.ip);
    if (spent && spent.consumedPoints >= state.current.limits.perAddress) throw throttled(Math.ceil(spent.msBeforeNext / 1000));
  }
  try {
    return await authenticate();
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "UNAUTHORIZED") throw err;
    if (input.ip) await take(byAddress, input.ip);
    if (input.keyId) {
      const key = await take(byKey, input.keyId);
      if (!key.ok) {
        logger.warn({ keyId: input.keyId, ip: input.ip }, "repeated wrong secrets for an API key or account");
        throw throttled(key.retryAfter);
      }
    }
    throw err;
  }
}
