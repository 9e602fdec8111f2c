// When a delivery is attempted, as delays after the previous attempt: immediately, then 1 min, 5 min, 30 min,
// 2 h, 5 h, 10 h, 14 h. Eight attempts spread over about 31.6 hours, so a receiver that is down for a full day
// still gets every event (Svix uses a similar curve: 8 attempts over ~27 h).
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [0, MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR];

export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length;

/** Delay before attempt `n` (1-based), or null when there is no such attempt. */
export function delayBeforeAttempt(n: number): number | null {
  return WEBHOOK_RETRY_DELAYS_MS[n - 1] ?? null;
}
