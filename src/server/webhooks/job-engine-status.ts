// Which engine runs the background functions (webhook fan-out and delivery, retention crons), and how far behind the
// deliveries are: /api/health and the portal's webhooks page say so, so "receiving events" is never claimed in vain.
import { env } from "@/env";
import { db } from "@/server/db";

export type JobEngine = "inngest" | "embedded";

/** Inngest when the app is pointed at one (INNGEST_BASE_URL or INNGEST_EVENT_KEY), else the app's own process. */
export function jobEngine(): JobEngine {
  return env.INNGEST_BASE_URL || env.INNGEST_EVENT_KEY ? "inngest" : "embedded";
}

export interface JobBacklog {
  engine: JobEngine;
  /** Deliveries whose attempt is due now and not yet made (PENDING, or RETRYING past their time). */
  dueDeliveries: number;
  /** How long the oldest of them has been due, in seconds (null: none). */
  oldestDueSeconds: number | null;
  /** Outbox events not yet fanned out. */
  unpublishedEvents: number;
}

/** The backlog, over every tenant (health) or one (`tenantId`, the portal). */
export async function getJobBacklog(opts: { tenantId?: string; now?: Date } = {}): Promise<JobBacklog> {
  const now = opts.now ?? new Date();
  const tenant = opts.tenantId ? { tenantId: opts.tenantId } : {};
  const dueWhere = { ...tenant, status: { in: ["PENDING" as const, "RETRYING" as const] }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] };
  const [dueDeliveries, oldest, unpublishedEvents] = await Promise.all([
    db.webhookDelivery.count({ where: dueWhere }),
    db.webhookDelivery.findFirst({ where: dueWhere, orderBy: [{ nextAttemptAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }], select: { nextAttemptAt: true, createdAt: true } }),
    db.webhookEvent.count({ where: { ...tenant, publishedAt: null } }),
  ]);
  const dueSince = oldest ? (oldest.nextAttemptAt ?? oldest.createdAt) : null;
  return { engine: jobEngine(), dueDeliveries, oldestDueSeconds: dueSince ? Math.max(0, Math.round((now.getTime() - dueSince.getTime()) / 1000)) : null, unpublishedEvents };
}
