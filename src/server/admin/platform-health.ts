// System health for staff: what /api/health reports (database, workers and their switch link, outbox, job
// engine), plus what only a person needs: calls live now, and webhook deliveries of the last hour by outcome.
import { env } from "@/env";
import { db } from "@/server/db";
import { getHealth } from "@/server/health/get-health";

const HOUR_MS = 3_600_000;

export async function getPlatformHealth(now = new Date()) {
  const health = await getHealth({ db, workerHeartbeatStaleMs: env.WORKER_HEARTBEAT_STALE_MS, outboxLagMs: Math.max(60_000, env.OUTBOX_RELAY_INTERVAL_MS * 12), now });
  if (health.database.status === "down") return { health, liveCalls: null, webhooksLastHour: null };
  const since = new Date(now.getTime() - HOUR_MS);
  const [live, deliveries] = await Promise.all([
    db.call.groupBy({ by: ["status"], where: { status: { in: ["QUEUED", "INITIATED", "RINGING", "IN_PROGRESS"] } }, _count: { _all: true } }),
    db.webhookDelivery.groupBy({ by: ["status"], where: { updatedAt: { gte: since } }, _count: { _all: true } }),
  ]);
  const count = (rows: { status: string; _count: { _all: number } }[], status: string) => rows.find((r) => r.status === status)?._count._all ?? 0;
  const succeeded = count(deliveries, "SUCCEEDED");
  const failed = count(deliveries, "FAILED");
  const retrying = count(deliveries, "RETRYING");
  const settled = succeeded + failed;
  return {
    health,
    liveCalls: { queued: count(live, "QUEUED"), ringing: count(live, "INITIATED") + count(live, "RINGING"), inProgress: count(live, "IN_PROGRESS") },
    webhooksLastHour: { succeeded, failed, retrying, failureRate: settled === 0 ? null : failed / settled },
  };
}
