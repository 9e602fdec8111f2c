// The latest failures across the platform for /admin/health, newest first: webhook deliveries that failed for good
// and calls that failed (not busy or unanswered: the platform or the carrier could not place them), each with its
// tenant. Both by an index on their time column, bounded to the last 24 hours.
import { db } from "@/server/db";

const DAY_MS = 86_400_000;
const LIMIT = 10;

export interface RecentFailure {
  kind: "webhook" | "call";
  /** The delivery's or the call's id. */
  id: string;
  at: Date;
  tenantId: string;
  tenantName: string;
  /** What failed: the endpoint and event type, or the number called. */
  subject: string;
  /** Why: the endpoint's last answer or error, or the hangup cause and SIP status. */
  detail: string;
}

export async function findRecentFailures(now = new Date()): Promise<RecentFailure[]> {
  const since = new Date(now.getTime() - DAY_MS);
  const [deliveries, calls] = await Promise.all([
    db.webhookDelivery.findMany({
      where: { status: "FAILED", updatedAt: { gte: since } },
      orderBy: { updatedAt: "desc" },
      take: LIMIT,
      select: { id: true, updatedAt: true, tenantId: true, attemptCount: true, lastStatusCode: true, lastError: true, endpoint: { select: { url: true } }, event: { select: { type: true } } },
    }),
    db.callRecord.findMany({
      where: { status: "FAILED", endedAt: { gte: since } },
      orderBy: { endedAt: "desc" },
      take: LIMIT,
      select: { callId: true, endedAt: true, tenantId: true, to: true, hangupCause: true, sipStatus: true },
    }),
  ]);
  const tenants = await db.tenant.findMany({ where: { id: { in: [...new Set([...deliveries, ...calls].map((r) => r.tenantId))] } }, select: { id: true, name: true } });
  const name = (id: string) => tenants.find((t) => t.id === id)?.name ?? id;
  const failures: RecentFailure[] = [
    ...deliveries.map((d) => ({
      kind: "webhook" as const,
      id: d.id,
      at: d.updatedAt,
      tenantId: d.tenantId,
      tenantName: name(d.tenantId),
      subject: `${d.event.type} → ${d.endpoint.url}`,
      detail: `${d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "no answer")} after ${d.attemptCount} attempt${d.attemptCount === 1 ? "" : "s"}`,
    })),
    ...calls.map((c) => ({
      kind: "call" as const,
      id: c.callId,
      at: c.endedAt,
      tenantId: c.tenantId,
      tenantName: name(c.tenantId),
      subject: `call to ${c.to}`,
      detail: [c.hangupCause ?? "failed", c.sipStatus !== null ? `SIP ${c.sipStatus}` : null].filter(Boolean).join(", "),
    })),
  ];
  return failures.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, LIMIT);
}
