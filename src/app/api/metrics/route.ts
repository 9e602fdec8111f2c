import { db } from "@/server/db";
import { getOutboxBacklog } from "@/server/health/get-health";
import { logger } from "@/server/logger";
import { renderMetrics, setOutboxBacklog } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

// Prometheus scrape endpoint. The outbox gauges are refreshed on each scrape; when the database is down the
// process metrics are still served (with the last known backlog).
export async function GET() {
  try {
    const backlog = await getOutboxBacklog(db);
    setOutboxBacklog({ count: backlog.unpublished, oldestAgeMs: backlog.oldestAgeMs });
  } catch (err) {
    logger.warn({ err }, "metrics: outbox backlog unavailable");
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
