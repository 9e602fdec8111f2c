import { describe, expect, it } from "vitest";
import { observeHttpRequest, observeWebhookDelivery, renderMetrics, setOutboxBacklog, withHttpMetrics } from "./registry";

/** The value of the sample `name` whose labels include `labels` (label order in the text format varies). */
async function sample(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const { body } = await renderMetrics();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of body.split("\n")) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? "").split(",");
    if (wanted.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe("metrics registry", () => {
  it("exposes default Node metrics in the Prometheus text format", async () => {
    const { body, contentType } = await renderMetrics();
    expect(contentType).toContain("text/plain");
    expect(body).toContain("process_cpu_user_seconds_total");
    expect(body).toContain("nodejs_eventloop_lag_seconds");
  });

  it("counts and times HTTP requests by route pattern, method and status", async () => {
    observeHttpRequest({ route: "/api/v1/account", method: "get", status: 200, durationMs: 12 });
    observeHttpRequest({ route: "/api/v1/account", method: "GET", status: 200, durationMs: 30 });
    const labels = { route: "/api/v1/account", method: "GET", status: "200" };
    expect(await sample("irisx_http_requests_total", labels)).toBe(2);
    expect(await sample("irisx_http_request_duration_seconds_count", labels)).toBe(2);
    expect(await sample("irisx_http_request_duration_seconds_sum", labels)).toBeCloseTo(0.042);
  });

  it("records a thrown handler as a 500", async () => {
    const failing = withHttpMetrics("/api/test/boom", async () => {
      throw new Error("boom");
    });
    await expect(failing(new Request("http://localhost/api/test/boom", { method: "POST" }))).rejects.toThrow("boom");
    expect(await sample("irisx_http_requests_total", { route: "/api/test/boom", method: "POST", status: "500" })).toBe(1);
  });

  it("labels webhook delivery attempts by outcome and status class", async () => {
    observeWebhookDelivery({ outcome: "delivered", statusCode: 204, durationMs: 80 });
    observeWebhookDelivery({ outcome: "retrying", statusCode: null, durationMs: 10_000 });
    expect(await sample("irisx_webhook_delivery_attempts_total", { outcome: "delivered", status_class: "2xx" })).toBe(1);
    expect(await sample("irisx_webhook_delivery_attempts_total", { outcome: "retrying", status_class: "none" })).toBe(1);
  });

  it("sets the outbox backlog gauges", async () => {
    setOutboxBacklog({ count: 7, oldestAgeMs: 4_500 });
    expect(await sample("irisx_outbox_backlog_events")).toBe(7);
    expect(await sample("irisx_outbox_oldest_event_age_seconds")).toBe(4.5);
  });
});
