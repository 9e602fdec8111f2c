// Voice test data: a tenant with a phone number and pacing limits, queued calls written straight to the table
// (for claim and pacing tests that need many calls fast), and claims made as a worker holding its switch's lease.
// Real rows, same client as the app.
import { randomInt } from "node:crypto";
import type { CallStatus, MemberRole } from "@/generated/prisma/enums";
import { claimQueuedCalls, type ClaimQueuedCallsInput } from "@/server/calls/claim-queued-calls";
import { db } from "@/server/db";
import { newId, newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

/** A NANP-shaped number nobody else in this database holds (E.164 shape; not checked against the numbering plan). */
export function randomTestDid(): string {
  return `+1415${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
}

export async function createVoiceTenant(
  opts: { creditMicros?: bigint; callsPerSecond?: number; maxConcurrentCalls?: number; role?: MemberRole; voiceUrl?: string | null; voiceEnabled?: boolean } = {},
) {
  const t = await createTestTenant({ role: opts.role });
  const tenant = await db.tenant.update({
    where: { id: t.tenant.id },
    data: {
      ...(opts.creditMicros !== undefined ? { creditMicros: opts.creditMicros } : {}),
      ...(opts.callsPerSecond !== undefined ? { callsPerSecond: opts.callsPerSecond } : {}),
      ...(opts.maxConcurrentCalls !== undefined ? { maxConcurrentCalls: opts.maxConcurrentCalls } : {}),
    },
  });
  const number = await db.phoneNumber.create({
    data: {
      id: newSid("PN"),
      tenantId: tenant.id,
      e164: randomTestDid(),
      voiceUrl: opts.voiceUrl === undefined ? "https://example.com/voice" : opts.voiceUrl,
      voiceEnabled: opts.voiceEnabled ?? true,
      carrierGateway: "test-gw",
      origin: "ASSIGNED",
    },
  });
  return { ...t, tenant, number };
}

/** A call row as if placed through the API (no side rows), for claim tests. */
export async function insertQueuedCalls(tenantId: string, from: string, count: number, opts: { switchId?: string | null; status?: CallStatus; queuedAt?: Date } = {}): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newSid("CA"));
  const base = (opts.queuedAt ?? new Date()).getTime();
  await db.call.createMany({
    data: ids.map((id, i) => ({
      id,
      tenantId,
      direction: "OUTBOUND_API" as const,
      status: opts.status ?? "QUEUED",
      from,
      to: "+15005550100",
      switchId: opts.switchId ?? null,
      queuedAt: new Date(base + i),
      eventSequence: 1,
      statusCallbackEvents: ["completed"],
    })),
  });
  return ids;
}

/**
 * claimQueuedCalls as the worker would call it: holding the lease of its switch. Tests that play several workers
 * on one switch hand the lease over outright (a worker process would wait for it to lapse).
 */
export async function claimAsWorker(input: ClaimQueuedCallsInput) {
  const at = new Date();
  const lease = { workerId: input.workerId, hostname: "test", renewedAt: at, expiresAt: new Date(at.getTime() + 3_600_000) };
  await db.switchLease.upsert({ where: { switchId: input.switchId }, create: { switchId: input.switchId, acquiredAt: at, ...lease }, update: lease });
  return claimQueuedCalls(input);
}

/**
 * A call that ended, with its call record (CDR) as close-call writes it, rated at the figures given: for usage and
 * revenue reports, which read only these rows. Started a minute before it ended.
 */
export async function insertEndedCall(
  tenantId: string,
  cdr: { endedAt: Date; billableSeconds: number; costMicros: bigint; currency?: string; status?: CallStatus; hangupCause?: string | null; sipStatus?: number | null },
) {
  const id = newSid("CA");
  const status = cdr.status ?? (cdr.billableSeconds > 0 ? "COMPLETED" : "NO_ANSWER");
  const startedAt = new Date(cdr.endedAt.getTime() - 60_000);
  const call = { from: "+14155550100", to: "+15005550100", direction: "OUTBOUND_API" as const, status, currency: cdr.currency ?? "USD" };
  await db.call.create({ data: { id, tenantId, ...call, queuedAt: startedAt, endedAt: cdr.endedAt, billsec: cdr.billableSeconds, priceMicros: cdr.costMicros, hangupCause: cdr.hangupCause ?? null } });
  return db.callRecord.create({
    data: {
      id: newId("cdr"),
      callId: id,
      tenantId,
      ...call,
      startedAt,
      answeredAt: cdr.billableSeconds > 0 ? startedAt : null,
      endedAt: cdr.endedAt,
      durationSeconds: 60,
      billsec: cdr.billableSeconds,
      hangupCause: cdr.hangupCause ?? (status === "COMPLETED" ? "NORMAL_CLEARING" : "NO_ANSWER"),
      sipStatus: cdr.sipStatus ?? null,
      ratePerMinuteMicros: 14_000n,
      billingIncrementSeconds: 60,
      billableSeconds: cdr.billableSeconds,
      costMicros: cdr.costMicros,
      currency: call.currency,
    },
  });
}
