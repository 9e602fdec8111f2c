// Prometheus metrics for the app process, served at /api/metrics. One registry per process, kept on
// globalThis so that Next's dev-mode module reloads do not register the same metric twice (prom-client throws).
// Callers use the small helpers below rather than touching prom-client directly.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { processState } from "@/server/shared/process-state";

/** Upper bounds (seconds) of the HTTP duration histogram's buckets; http-traffic.ts reads percentiles from them. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: process.env.IRISX_SERVICE ?? "app" });
  collectDefaultMetrics({ register: registry });

  return {
    registry,
    httpRequests: new Counter({
      name: "irisx_http_requests_total",
      help: "HTTP requests handled, by route pattern, method and status code.",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "irisx_http_request_duration_seconds",
      help: "HTTP request duration in seconds, by route pattern, method and status code.",
      labelNames: ["route", "method", "status"] as const,
      buckets: HTTP_DURATION_BUCKETS,
      registers: [registry],
    }),
    outboxBacklog: new Gauge({
      name: "irisx_outbox_backlog_events",
      help: "Webhook events recorded but not yet handed to Inngest.",
      registers: [registry],
    }),
    outboxOldestAge: new Gauge({
      name: "irisx_outbox_oldest_event_age_seconds",
      help: "Age of the oldest unpublished webhook event (0 when the outbox is empty).",
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: "irisx_webhook_delivery_attempts_total",
      help: "Webhook delivery attempts, by outcome (delivered, failed, retrying, dropped) and HTTP status class.",
      labelNames: ["outcome", "status_class"] as const,
      registers: [registry],
    }),
    webhookDeliveryDuration: new Histogram({
      name: "irisx_webhook_delivery_duration_seconds",
      help: "Duration of one webhook delivery attempt, in seconds.",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    outboxPublished: new Counter({
      name: "irisx_outbox_published_events_total",
      help: "Webhook events handed from the outbox to Inngest.",
      registers: [registry],
    }),
    outboxPublishFailures: new Counter({
      name: "irisx_outbox_publish_failures_total",
      help: "Failed attempts to hand outbox events to Inngest.",
      registers: [registry],
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
export const metrics: Metrics = processState("metrics", createMetrics);

export interface HttpObservation {
  /** The route pattern (`/api/v1/calls/[callId]`), never the raw path: ids would explode the label set. */
  route: string;
  method: string;
  status: number;
  durationMs: number;
}

export function observeHttpRequest(o: HttpObservation): void {
  const labels = { route: o.route, method: o.method.toUpperCase(), status: String(o.status) };
  metrics.httpRequests.inc(labels);
  metrics.httpDuration.observe(labels, o.durationMs / 1000);
}

export type WebhookDeliveryOutcome = "delivered" | "failed" | "retrying" | "dropped";

/** One delivery attempt. `statusCode` null when no HTTP response came back (timeout, DNS, refused). */
export function observeWebhookDelivery(o: { outcome: WebhookDeliveryOutcome; statusCode: number | null; durationMs: number }): void {
  const statusClass = o.statusCode === null ? "none" : `${Math.floor(o.statusCode / 100)}xx`;
  metrics.webhookDeliveries.inc({ outcome: o.outcome, status_class: statusClass });
  metrics.webhookDeliveryDuration.observe(o.durationMs / 1000);
}

export function observeOutboxPublish(o: { published: number; failed: number }): void {
  if (o.published > 0) metrics.outboxPublished.inc(o.published);
  if (o.failed > 0) metrics.outboxPublishFailures.inc(o.failed);
}

export function setOutboxBacklog(o: { count: number; oldestAgeMs: number | null }): void {
  metrics.outboxBacklog.set(o.count);
  metrics.outboxOldestAge.set((o.oldestAgeMs ?? 0) / 1000);
}

/** Wraps a route handler so it is counted and timed under `route`. Thrown errors count as 500. */
export function withHttpMetrics<A extends unknown[]>(route: string, handler: (req: Request, ...rest: A) => Promise<Response>) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    const started = performance.now();
    let status = 500;
    try {
      const res = await handler(req, ...rest);
      status = res.status;
      return res;
    } finally {
      observeHttpRequest({ route, method: req.method, status, durationMs: performance.now() - started });
    }
  };
}

export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
}
