import { describe, expect, it } from "vitest";
import { diffHttpTraffic, quantileFromBuckets, readHttpTraffic, summarizeHttpTraffic } from "@/server/metrics/http-traffic";
import { httpTrafficOverWindow } from "@/server/metrics/http-traffic-window";
import { HTTP_DURATION_BUCKETS, observeHttpRequest } from "@/server/metrics/registry";

const observe = (route: string, status: number, durationMs: number, times = 1) => {
  for (let i = 0; i < times; i++) observeHttpRequest({ route, method: "GET", status, durationMs });
};

describe("percentiles from histogram buckets", () => {
  const bounds = [0.1, 0.5, 1];
  it("interpolates within the bucket the rank falls in, from 0 in the first", () => {
    // 10 requests: 5 under 0.1 s, 4 in (0.1, 0.5], 1 in (0.5, 1].
    expect(quantileFromBuckets(bounds, [5, 9, 10], 10, 0.5)).toBeCloseTo(0.1);
    expect(quantileFromBuckets(bounds, [5, 9, 10], 10, 0.95)).toBeCloseTo(0.75);
    expect(quantileFromBuckets(bounds, [4, 4, 4], 4, 0.5)).toBeCloseTo(0.05);
  });

  it("answers the last finite bound beyond it, and nothing without requests", () => {
    expect(quantileFromBuckets(bounds, [0, 0, 1], 10, 0.95)).toBe(1);
    expect(quantileFromBuckets(bounds, [0, 0, 0], 0, 0.95)).toBeNull();
  });
});

describe("API traffic per route", () => {
  it("counts requests, 5xx and p95 between two snapshots, busiest route first", async () => {
    const before = await readHttpTraffic();
    observe("/t/calls", 200, 20, 27);
    observe("/t/calls", 500, 300, 3);
    observe("/t/numbers", 404, 4);
    const after = await readHttpTraffic();
    const { routes, total } = summarizeHttpTraffic(diffHttpTraffic(before, after));
    // Rank 28.5 of 30 falls in (0.25 s, 0.5 s], which holds 3: 0.25 + 0.25 × 1.5 / 3.
    expect(routes).toEqual([
      { route: "/t/calls", method: "GET", requests: 30, errors: 3, errorRate: 0.1, p95Ms: 375 },
      { route: "/t/numbers", method: "GET", requests: 1, errors: 0, errorRate: 0, p95Ms: 4.8 },
    ]);
    expect(total).toMatchObject({ route: "all routes", requests: 31, errors: 3 });
  });

  it("takes a route whose counts went down (a restart) from zero", () => {
    const route = { route: "/r", method: "GET", errors: 0, buckets: HTTP_DURATION_BUCKETS.map(() => 1) };
    const older = { at: 0, routes: new Map([["GET /r", { ...route, requests: 9 }]]) };
    const newer = { at: 1, routes: new Map([["GET /r", { ...route, requests: 2 }]]) };
    expect(diffHttpTraffic(older, newer).map((r) => r.requests)).toEqual([2]);
  });

  it("over a window: from a snapshot that old, or since the process started when it has none", async () => {
    const t0 = Date.now();
    const first = await httpTrafficOverWindow(15 * 60_000, t0);
    expect(first.sinceProcessStart).toBe(true);
    expect(Math.abs(first.windowSeconds - process.uptime())).toBeLessThan(2);
    observe("/t/window", 200, 1, 5);
    const later = await httpTrafficOverWindow(15 * 60_000, t0 + 16 * 60_000);
    expect(later.sinceProcessStart).toBe(false);
    expect(later.windowSeconds).toBe(16 * 60);
    expect(later.routes).toEqual([{ route: "/t/window", method: "GET", requests: 5, errors: 0, errorRate: 0, p95Ms: 4.8 }]);
  });
});
