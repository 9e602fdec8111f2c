import { env } from "@/env";
import { db } from "@/server/db";
import { getHealth } from "@/server/health/get-health";
import { setOutboxBacklog, withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

// 200 while the database answers (degraded parts are reported in the body), 503 when it does not, so a load
// balancer or orchestrator takes the instance out only when it truly cannot serve.
export const GET = withHttpMetrics("/api/health", async () => {
  const report = await getHealth({
    db,
    workerHeartbeatStaleMs: env.WORKER_HEARTBEAT_STALE_MS,
    outboxLagMs: Math.max(60_000, env.OUTBOX_RELAY_INTERVAL_MS * 12),
  });
  if (report.outbox.unpublished !== null) setOutboxBacklog({ count: report.outbox.unpublished, oldestAgeMs: report.outbox.oldestAgeMs });
  return Response.json(report, { status: report.status === "down" ? 503 : 200, headers: { "cache-control": "no-store" } });
});
