// One minute of the platform's health into HealthSample, for the status history on /admin/health; run every minute
// by the record-health-sample cron (Inngest) or the embedded job engine. Rows older than 7 days go in the same run.
// A minute another app process has already sampled is left as it is. While the database is down nothing can be
// written: the history shows those minutes as gaps ("no sample").
import { db } from "@/server/db";
import { readHealthReport } from "@/server/admin/platform-health";
import { httpTrafficSinceLastSample } from "@/server/metrics/http-traffic-window";

export const HEALTH_SAMPLE_KEEP_DAYS = 7;
const MINUTE_MS = 60_000;

export async function recordHealthSample(now = new Date()): Promise<{ recorded: boolean; pruned: number }> {
  const minute = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  const health = await readHealthReport(now);
  if (health.database.status === "down") return { recorded: false, pruned: 0 };
  const api = await httpTrafficSinceLastSample(now.getTime());
  const [liveCalls, settled] = await Promise.all([
    db.call.count({ where: { status: { in: ["INITIATED", "RINGING", "IN_PROGRESS"] } } }),
    // By the (status, updatedAt) index: deliveries that settled during the minute before now.
    db.webhookDelivery.groupBy({ by: ["status"], where: { status: { in: ["SUCCEEDED", "FAILED"] }, updatedAt: { gte: new Date(now.getTime() - MINUTE_MS), lt: now } }, _count: { _all: true } }),
  ]);
  const settledCount = (status: string) => settled.find((r) => r.status === status)?._count._all ?? 0;
  const { count } = await db.healthSample.createMany({
    data: [
      {
        minute,
        takenAt: now,
        databaseUp: true,
        databaseLatencyMs: health.database.latencyMs,
        workersFresh: health.workers.fresh,
        switchLinksUp: health.switchLink.connectedWorkers,
        liveCalls,
        webhooksDelivered: settledCount("SUCCEEDED"),
        webhooksFailed: settledCount("FAILED"),
        outboxBacklog: health.outbox.unpublished ?? 0,
        outboxOldestAgeSeconds: health.outbox.oldestAgeMs === null ? null : Math.round(health.outbox.oldestAgeMs / 1000),
        apiRequests: api.total.requests,
        apiErrors: api.total.errors,
        apiP95Ms: api.total.p95Ms,
        apiWindowSeconds: api.windowSeconds,
      },
    ],
    skipDuplicates: true,
  });
  const { count: pruned } = await db.healthSample.deleteMany({ where: { minute: { lt: new Date(minute.getTime() - HEALTH_SAMPLE_KEEP_DAYS * 86_400_000) } } });
  return { recorded: count === 1, pruned };
}
