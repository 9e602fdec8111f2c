// API traffic per route from the process's HTTP histogram (registry.ts): request counts, 5xx share and the 95th
// percentile latency. prom-client's counts only ever grow (since the process started), so a figure "over the last
// N minutes" is the difference of two snapshots; the percentile is read from the difference of the bucket counts,
// interpolated within its bucket as Prometheus's histogram_quantile does.
import { HTTP_DURATION_BUCKETS, metrics } from "@/server/metrics/registry";

export interface RouteCounts {
  route: string;
  method: string;
  requests: number;
  /** Answered 5xx (thrown errors are counted as 500). */
  errors: number;
  /** Cumulative request counts at each bound of HTTP_DURATION_BUCKETS. */
  buckets: number[];
}

export interface HttpTrafficSnapshot {
  /** When it was read (ms since the epoch). */
  at: number;
  routes: Map<string, RouteCounts>;
}

export interface RouteTraffic {
  route: string;
  method: string;
  requests: number;
  errors: number;
  /** errors / requests (null: no requests). */
  errorRate: number | null;
  /** 95th percentile latency in ms (null: no requests). */
  p95Ms: number | null;
}

const key = (method: string, route: string) => `${method} ${route}`;

/** The counts as they stand now, summed over status codes per route and method. */
export async function readHttpTraffic(at = Date.now()): Promise<HttpTrafficSnapshot> {
  const { values } = await metrics.httpDuration.get();
  const routes = new Map<string, RouteCounts>();
  for (const v of values) {
    const labels = v.labels as Partial<Record<"route" | "method" | "status" | "le", string | number>>;
    const name = v.metricName ?? "";
    const route = String(labels.route);
    const method = String(labels.method);
    const k = key(method, route);
    let counts = routes.get(k);
    if (!counts) routes.set(k, (counts = { route, method, requests: 0, errors: 0, buckets: HTTP_DURATION_BUCKETS.map(() => 0) }));
    if (name.endsWith("_count")) {
      counts.requests += v.value;
      if (Number(labels.status) >= 500) counts.errors += v.value;
    } else if (name.endsWith("_bucket") && labels.le !== "+Inf") {
      const i = HTTP_DURATION_BUCKETS.indexOf(Number(labels.le));
      if (i >= 0) counts.buckets[i]! += v.value;
    }
  }
  return { at, routes };
}

/** What happened between two snapshots. A route whose counts went down (the process restarted) counts from zero. */
export function diffHttpTraffic(older: HttpTrafficSnapshot | null, newer: HttpTrafficSnapshot): RouteCounts[] {
  return [...newer.routes.values()].flatMap((now) => {
    const then = older?.routes.get(key(now.method, now.route));
    const restarted = !then || then.requests > now.requests;
    const d = restarted ? now : { ...now, requests: now.requests - then.requests, errors: now.errors - then.errors, buckets: now.buckets.map((b, i) => b - then.buckets[i]!) };
    return d.requests > 0 ? [d] : [];
  });
}

/**
 * The q-quantile of a histogram in seconds, from its cumulative bucket counts and total: linear within the bucket
 * it falls in (from 0 in the first); beyond the last finite bound, that bound (as histogram_quantile answers).
 */
export function quantileFromBuckets(bounds: readonly number[], cumulative: readonly number[], total: number, q: number): number | null {
  if (total <= 0) return null;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    if (cumulative[i]! >= rank) {
      const lower = i === 0 ? 0 : bounds[i - 1]!;
      const below = i === 0 ? 0 : cumulative[i - 1]!;
      const inBucket = cumulative[i]! - below;
      return inBucket === 0 ? lower : lower + (bounds[i]! - lower) * ((rank - below) / inBucket);
    }
  }
  return bounds[bounds.length - 1]!;
}

const p95Ms = (c: Pick<RouteCounts, "buckets" | "requests">) => {
  const seconds = quantileFromBuckets(HTTP_DURATION_BUCKETS, c.buckets, c.requests, 0.95);
  return seconds === null ? null : Math.round(seconds * 10_000) / 10;
};

/** Per route (busiest first) and all routes together. */
export function summarizeHttpTraffic(counts: RouteCounts[]): { routes: RouteTraffic[]; total: RouteTraffic } {
  const describe = (c: RouteCounts): RouteTraffic => ({ route: c.route, method: c.method, requests: c.requests, errors: c.errors, errorRate: c.requests > 0 ? c.errors / c.requests : null, p95Ms: p95Ms(c) });
  const all: RouteCounts = { route: "all routes", method: "*", requests: 0, errors: 0, buckets: HTTP_DURATION_BUCKETS.map(() => 0) };
  for (const c of counts) {
    all.requests += c.requests;
    all.errors += c.errors;
    c.buckets.forEach((b, i) => (all.buckets[i]! += b));
  }
  const routes = counts.map(describe).sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route));
  return { routes, total: describe(all) };
}
