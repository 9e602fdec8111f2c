// The status band of one minute of health (a HealthSample): the one rule the status history on /admin/health
// colours by, with the reasons it gives. "down": the platform cannot serve (its database is down, or most API
// requests fail). "degraded": it serves, but something lags or fails (as /api/health's "degraded": no worker or
// switch link, a late outbox) or is slow or erring beyond the thresholds below. Rates need enough traffic to mean
// anything: one failed request out of three is not an outage.

export type HealthBand = "ok" | "degraded" | "down";

export const HEALTH_THRESHOLDS = {
  /** Database round trip slower than this: degraded. */
  databaseLatencyMs: 500,
  /** Oldest unpublished outbox event older than this: degraded (as /api/health's outbox lag). */
  outboxLagSeconds: 60,
  /** Share of webhook deliveries that failed for good, of those that settled: degraded above it. */
  webhookFailureRate: 0.05,
  /** Share of API requests answered 5xx: degraded above the first, down at or above the second. */
  apiErrorRate: 0.05,
  apiErrorRateDown: 0.5,
  /** 95th percentile API latency above this: degraded. */
  apiP95Ms: 2_000,
  /** Rates and percentiles count only over at least this many requests. */
  minApiRequests: 20,
} as const;

export interface HealthFigures {
  databaseUp: boolean;
  databaseLatencyMs: number | null;
  workersFresh: number;
  switchLinksUp: number;
  webhooksDelivered: number;
  webhooksFailed: number;
  outboxOldestAgeSeconds: number | null;
  apiRequests: number;
  apiErrors: number;
  apiP95Ms: number | null;
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

export function healthBand(s: HealthFigures): { band: HealthBand; reasons: string[] } {
  const t = HEALTH_THRESHOLDS;
  if (!s.databaseUp) return { band: "down", reasons: ["database down"] };
  const apiErrorRate = s.apiRequests >= t.minApiRequests ? s.apiErrors / s.apiRequests : null;
  if (apiErrorRate !== null && apiErrorRate >= t.apiErrorRateDown) return { band: "down", reasons: [`${percent(apiErrorRate)} of API requests failed`] };

  const reasons: string[] = [];
  if (s.databaseLatencyMs !== null && s.databaseLatencyMs > t.databaseLatencyMs) reasons.push(`database slow (${Math.round(s.databaseLatencyMs)} ms)`);
  if (s.workersFresh === 0) reasons.push("no worker");
  else if (s.switchLinksUp === 0) reasons.push("no switch link");
  if (s.outboxOldestAgeSeconds !== null && s.outboxOldestAgeSeconds > t.outboxLagSeconds) reasons.push(`outbox ${s.outboxOldestAgeSeconds} s behind`);
  const settled = s.webhooksDelivered + s.webhooksFailed;
  if (settled > 0 && s.webhooksFailed / settled > t.webhookFailureRate) reasons.push(`${percent(s.webhooksFailed / settled)} of webhooks failed`);
  if (apiErrorRate !== null && apiErrorRate > t.apiErrorRate) reasons.push(`${percent(apiErrorRate)} of API requests failed`);
  if (s.apiRequests >= t.minApiRequests && s.apiP95Ms !== null && s.apiP95Ms > t.apiP95Ms) reasons.push(`API p95 ${Math.round(s.apiP95Ms)} ms`);
  return { band: reasons.length > 0 ? "degraded" : "ok", reasons };
}

const RANK: Record<HealthBand, number> = { ok: 0, degraded: 1, down: 2 };

/** The worse of two bands. */
export const worseBand = (a: HealthBand, b: HealthBand): HealthBand => (RANK[a] >= RANK[b] ? a : b);
