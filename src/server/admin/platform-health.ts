// System health for staff: what /api/health reports (database, workers and their switch link, outbox, job
// engine), plus what only a person needs: calls live now, webhook deliveries of the last hour by outcome, and this
// app process's API traffic over the last 15 minutes (requests, 5xx share, p95 latency per route).
import { env } from "@/env";
import { db } from "@/server/db";
import { getHealth } from "@/server/health/get-health";
import { httpTrafficOverWindow } from "@/server/metrics/http-traffic-window";

const HOUR_MS = 3_600_000;
const API_WINDOW_MS = 15 * 60_000;
/** The busiest routes shown; the total covers them all. */
const API_ROUTES_SHOWN = 25;

/** /api/health's report with the app's settings (also what each minute's health sample records). */
export const readHealthReport = (now: Date) =>
  getHealth({ db, workerHeartbeatStaleMs: env.WORKER_HEARTBEAT_STALE_MS, outboxLagMs: Math.max(60_000, env.OUTBOX_RELAY_INTERVAL_MS * 12), now });

export async function getPlatformHealth(now = new Date()) {
  const [health, traffic] = await Promise.all([readHealthReport(now), httpTrafficOverWindow(API_WINDOW_MS, now.getTime())]);
  const api = { ...traffic, routes: traffic.routes.slice(0, API_ROUTES_SHOWN), routeCount: traffic.routes.length };
  if (health.database.status === "down") return { health, api, liveCalls: null, webhooksLastHour: null };
  const since = new Date(now.getTime() - HOUR_MS);
  const [live, deliveries] = await Promise.all([
    db.call.groupBy({ by: ["status"], where: { status: { in: ["QUEUED", "INITIATED", "RINGING", "IN_PROGRESS"] } }, _count: { _all: true } }),
    // By the (status, updatedAt) index.
    db.webhookDelivery.groupBy({ by: ["status"], where: { status: { in: ["SUCCEEDED", "FAILED", "RETRYING"] }, updatedAt: { gte: since } }, _count: { _all: true } }),
  ]);
  const count = (rows: { status: string; _count: { _all: number } }[], status: string) => rows.find((r) => r.status === status)?._count._all ?? 0;
  const succeeded = count(deliveries, "SUCCEEDED");
  const failed = count(deliveries, "FAILED");
  const retrying = count(deliveries, "RETRYING");
  const settled = succeeded + failed;
  return {
    health,
    api,
    liveCalls: { queued: count(live, "QUEUED"), ringing: count(live, "INITIATED") + count(live, "RINGING"), inProgress: count(live, "IN_PROGRESS") },
    webhooksLastHour: { succeeded, failed, retrying, failureRate: settled === 0 ? null : failed / settled },
  };
}
