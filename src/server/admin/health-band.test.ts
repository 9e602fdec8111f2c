import { describe, expect, it } from "vitest";
import { healthBand, worseBand, type HealthFigures } from "@/server/admin/health-band";

const healthy: HealthFigures = {
  databaseUp: true,
  databaseLatencyMs: 1.2,
  workersFresh: 1,
  switchLinksUp: 1,
  webhooksDelivered: 40,
  webhooksFailed: 0,
  outboxOldestAgeSeconds: null,
  apiRequests: 500,
  apiErrors: 0,
  apiP95Ms: 80,
};

describe("the status band of a minute of health", () => {
  it("is ok when every part is within its threshold", () => {
    expect(healthBand(healthy)).toEqual({ band: "ok", reasons: [] });
    // At the thresholds, not beyond them.
    expect(healthBand({ ...healthy, databaseLatencyMs: 500, outboxOldestAgeSeconds: 60, webhooksDelivered: 95, webhooksFailed: 5, apiErrors: 25, apiP95Ms: 2000 }).band).toBe("ok");
  });

  it("is down when the database is, whatever else", () => {
    expect(healthBand({ ...healthy, databaseUp: false, databaseLatencyMs: null })).toEqual({ band: "down", reasons: ["database down"] });
  });

  it("is down when half the API requests fail, given enough of them", () => {
    expect(healthBand({ ...healthy, apiRequests: 100, apiErrors: 50 })).toEqual({ band: "down", reasons: ["50% of API requests failed"] });
    // Two failures of three requests is too little traffic to call anything.
    expect(healthBand({ ...healthy, apiRequests: 3, apiErrors: 2 })).toEqual({ band: "ok", reasons: [] });
  });

  it("is degraded, with every reason, when something lags, fails or is slow", () => {
    expect(
      healthBand({ ...healthy, databaseLatencyMs: 750.4, outboxOldestAgeSeconds: 61, webhooksDelivered: 9, webhooksFailed: 1, apiRequests: 100, apiErrors: 6, apiP95Ms: 2500 }),
    ).toEqual({
      band: "degraded",
      reasons: ["database slow (750 ms)", "outbox 61 s behind", "10% of webhooks failed", "6% of API requests failed", "API p95 2500 ms"],
    });
  });

  it("is degraded without a worker, or with workers but no switch link", () => {
    expect(healthBand({ ...healthy, workersFresh: 0, switchLinksUp: 0 })).toEqual({ band: "degraded", reasons: ["no worker"] });
    expect(healthBand({ ...healthy, workersFresh: 2, switchLinksUp: 0 })).toEqual({ band: "degraded", reasons: ["no switch link"] });
  });

  it("ignores a slow p95 over too few requests", () => {
    expect(healthBand({ ...healthy, apiRequests: 19, apiP95Ms: 9000 }).band).toBe("ok");
  });

  it("orders bands ok < degraded < down", () => {
    expect(worseBand("ok", "degraded")).toBe("degraded");
    expect(worseBand("down", "degraded")).toBe("down");
    expect(worseBand("ok", "ok")).toBe("ok");
  });
});
