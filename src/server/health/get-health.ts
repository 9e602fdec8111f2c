// The state of the platform as /api/health reports it: the database (the only hard dependency: when it is
// down the app is down), the ESL workers' heartbeats, the FreeSWITCH link they report, and the webhook outbox.
// Anything but the database being down is "degraded": the app still serves, but calls or webhooks may lag.
import type { Db } from "@/server/db";
import { getJobBacklog, jobEngine, type JobEngine } from "@/server/webhooks/job-engine-status";

/** The linkState a worker writes while its event-socket connection to FreeSWITCH is authenticated. */
export const SWITCH_LINK_UP = "connected";
const DB_TIMEOUT_MS = 2000;

export interface WorkerHealth {
  id: string;
  hostname: string;
  switchId: string;
  linkState: string;
  lastHeartbeatAt: string;
  fresh: boolean;
}

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  checkedAt: string;
  database: { status: "up" | "down"; latencyMs: number | null; error?: string };
  workers: { status: "up" | "stale" | "none"; fresh: number; instances: WorkerHealth[] };
  switchLink: { status: "up" | "down" | "unknown"; connectedWorkers: number };
  outbox: { status: "ok" | "lagging" | "unknown"; unpublished: number | null; oldestAgeMs: number | null };
  /** Which engine runs webhook fan-out and delivery (and the crons), and how late the due deliveries are. */
  jobs: { engine: JobEngine; status: "ok" | "lagging" | "unknown"; dueDeliveries: number | null; oldestDueSeconds: number | null };
}

export interface GetHealthOptions {
  db: Db;
  workerHeartbeatStaleMs: number;
  /** The outbox counts as lagging once its oldest unpublished event is older than this. */
  outboxLagMs: number;
  now?: Date;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function getOutboxBacklog(db: Db, now = new Date()): Promise<{ unpublished: number; oldestAgeMs: number | null }> {
  const [unpublished, oldest] = await Promise.all([
    db.webhookEvent.count({ where: { publishedAt: null } }),
    db.webhookEvent.findFirst({ where: { publishedAt: null }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  return { unpublished, oldestAgeMs: oldest ? Math.max(0, now.getTime() - oldest.createdAt.getTime()) : null };
}

export async function getHealth(opts: GetHealthOptions): Promise<HealthReport> {
  const now = opts.now ?? new Date();
  const checkedAt = now.toISOString();
  const started = performance.now();
  try {
    await withTimeout(opts.db.$queryRaw`SELECT 1`, DB_TIMEOUT_MS, "database");
  } catch (e) {
    return {
      status: "down",
      checkedAt,
      database: { status: "down", latencyMs: null, error: e instanceof Error ? e.message : String(e) },
      workers: { status: "none", fresh: 0, instances: [] },
      switchLink: { status: "unknown", connectedWorkers: 0 },
      outbox: { status: "unknown", unpublished: null, oldestAgeMs: null },
      jobs: { engine: jobEngine(), status: "unknown", dueDeliveries: null, oldestDueSeconds: null },
    };
  }
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;

  const [rows, backlog, jobBacklog] = await Promise.all([
    opts.db.workerInstance.findMany({ orderBy: { lastHeartbeatAt: "desc" }, take: 50 }),
    getOutboxBacklog(opts.db, now),
    getJobBacklog({ now }),
  ]);
  const instances: WorkerHealth[] = rows.map((w) => ({
    id: w.id,
    hostname: w.hostname,
    switchId: w.switchId,
    linkState: w.linkState,
    lastHeartbeatAt: w.lastHeartbeatAt.toISOString(),
    fresh: now.getTime() - w.lastHeartbeatAt.getTime() <= opts.workerHeartbeatStaleMs,
  }));
  const fresh = instances.filter((w) => w.fresh);
  const connectedWorkers = fresh.filter((w) => w.linkState === SWITCH_LINK_UP).length;

  const workers: HealthReport["workers"] = { status: fresh.length > 0 ? "up" : instances.length > 0 ? "stale" : "none", fresh: fresh.length, instances };
  const switchLink: HealthReport["switchLink"] = { status: fresh.length === 0 ? "unknown" : connectedWorkers > 0 ? "up" : "down", connectedWorkers };
  const outbox: HealthReport["outbox"] = {
    status: backlog.oldestAgeMs !== null && backlog.oldestAgeMs > opts.outboxLagMs ? "lagging" : "ok",
    ...backlog,
  };
  const jobs: HealthReport["jobs"] = {
    engine: jobBacklog.engine,
    status: jobBacklog.oldestDueSeconds !== null && jobBacklog.oldestDueSeconds * 1000 > opts.outboxLagMs ? "lagging" : "ok",
    dueDeliveries: jobBacklog.dueDeliveries,
    oldestDueSeconds: jobBacklog.oldestDueSeconds,
  };
  const healthy = workers.status === "up" && switchLink.status === "up" && outbox.status === "ok" && jobs.status === "ok";
  return { status: healthy ? "ok" : "degraded", checkedAt, database: { status: "up", latencyMs }, workers, switchLink, outbox, jobs };
}
