// One tenant as support sees it: account and limits, members, numbers, usage, recent calls, webhook health and the
// recent impersonations (its audit trail is read with findPlatformAudit filtered to it). Bounded reads only: the
// lists are capped and the usage figures are aggregates over indexed ranges (CallRecord by tenantId, endedAt).
import { db } from "@/server/db";
import { notFound } from "@/server/errors";

const DAY_MS = 86_400_000;
const LIVE_STATUSES = ["INITIATED", "RINGING", "IN_PROGRESS"] as const;

export async function getTenantDetail(tenantId: string, now = new Date()) {
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: {
      id: true,
      name: true,
      slug: true,
      status: true,
      suspendedReason: true,
      suspendedAt: true,
      creditMicros: true,
      currency: true,
      accountSid: true,
      createdAt: true,
      callsPerSecond: true,
      maxConcurrentCalls: true,
      maxPhoneNumbers: true,
      maxSeats: true,
      pricePlanId: true,
      pricePlan: { select: { name: true } },
      deletionRequestedAt: true,
      purgeAfter: true,
      deletionReason: true,
    },
  });
  if (!tenant) throw notFound("tenant");
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const daySince = new Date(now.getTime() - DAY_MS);

  const [members, invitations, numbers, numberCount, usage, liveCalls, recentCalls, endpoints, deliveries, impersonations] = await Promise.all([
    db.membership.findMany({
      where: { tenantId },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true, emailVerifiedAt: true, totpEnabledAt: true } } },
    }),
    db.invitation.count({ where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
    db.phoneNumber.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" }, take: 50, select: { id: true, e164: true, friendlyName: true, origin: true, provider: true, createdAt: true } }),
    db.phoneNumber.count({ where: { tenantId } }),
    db.callRecord.aggregate({ where: { tenantId, endedAt: { gte: since } }, _count: { _all: true }, _sum: { billsec: true, costMicros: true } }),
    db.call.count({ where: { tenantId, status: { in: [...LIVE_STATUSES] } } }),
    db.call.findMany({
      where: { tenantId },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, direction: true, status: true, from: true, to: true, createdAt: true, callRecord: { select: { durationSeconds: true, billsec: true, costMicros: true, hangupCause: true } } },
    }),
    db.webhookEndpoint.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" }, take: 50, select: { id: true, url: true, status: true, disabledReason: true, failingSince: true, consecutiveFailures: true } }),
    db.webhookDelivery.groupBy({ by: ["endpointId", "status"], where: { tenantId, createdAt: { gte: daySince } }, _count: { _all: true } }),
    db.impersonationSession.findMany({
      where: { tenantId },
      orderBy: { startedAt: "desc" },
      take: 10,
      select: { id: true, staffUserId: true, targetUserId: true, reason: true, startedAt: true, expiresAt: true, endedAt: true, endedHow: true, actingSince: true },
    }),
  ]);

  const people = await db.user.findMany({ where: { id: { in: impersonations.flatMap((i) => [i.staffUserId, i.targetUserId]) } }, select: { id: true, email: true } });
  const emailOf = (id: string) => people.find((p) => p.id === id)?.email ?? "(deleted user)";
  const deliveryCounts = (endpointId: string) => {
    const rows = deliveries.filter((d) => d.endpointId === endpointId);
    const count = (statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).reduce((n, r) => n + r._count._all, 0);
    return { delivered: count(["SUCCEEDED"]), failed: count(["FAILED"]), pending: count(["PENDING", "RETRYING"]) };
  };

  return {
    tenant: { ...tenant, pricePlanName: tenant.pricePlan?.name ?? null },
    members: members.map((m) => ({ ...m.user, role: m.role, joinedAt: m.createdAt, emailVerified: m.user.emailVerifiedAt !== null, twoFactor: m.user.totpEnabledAt !== null })),
    pendingInvitations: invitations,
    numbers: { items: numbers, total: numberCount },
    usage: { since, calls: usage._count._all, billedMinutes: Math.round((usage._sum.billsec ?? 0) / 60), costMicros: usage._sum.costMicros ?? 0n, liveCalls },
    recentCalls: recentCalls.map(({ callRecord: r, ...c }) => ({ ...c, durationSeconds: r?.durationSeconds ?? null, costMicros: r?.costMicros ?? null, hangupCause: r?.hangupCause ?? null })),
    webhooks: endpoints.map((e) => ({ ...e, last24h: deliveryCounts(e.id) })),
    impersonations: impersonations.map((i) => ({ ...i, staffEmail: emailOf(i.staffUserId), targetEmail: emailOf(i.targetUserId), acting: i.actingSince !== null })),
  };
}
