// A queued call has a deadline (its queue_timeout, else its tenant's maxQueueSeconds): past it the claim never
// dials it, and the sweeper fails it once, with QUEUE_TIMEOUT, a free CallRecord, its callback and webhook.
import { setTimeout as sleep } from "node:timers/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCall } from "@/server/calls/create-call";
import { expireQueuedCalls } from "@/server/calls/expire-queued-calls";
import { getCallSettings } from "@/server/calls/get-call-settings";
import { setMaxQueueSeconds } from "@/server/calls/set-max-queue-seconds";
import { claimAsWorker, createVoiceTenant } from "@/test/call-fixtures";
import type { Actor } from "@/server/tenancy";

const claim = () => claimAsWorker({ switchId: "fs1", workerId: "w1", limit: 100 });

/** A native call with a status callback for its end; `queueTimeout` as given (the tenant's default otherwise). */
function place(actor: Actor, from: string, queueTimeout?: number) {
  return createCall(actor, { to: "+15005550100", from, instructions: [{ say: "hi" }], statusCallback: "https://example.com/status", queueTimeout }, { surface: "native" });
}

/** As if the call had been placed `seconds` earlier (the database's clock runs on; the call's times move back). */
async function age(callId: string, seconds: number) {
  await db.$executeRaw`UPDATE "Call" SET "queuedAt" = "queuedAt" - make_interval(secs => ${seconds}), "queueExpiresAt" = "queueExpiresAt" - make_interval(secs => ${seconds}) WHERE id = ${callId}`;
}

const deadlineSeconds = async (callId: string) => {
  const row = await db.call.findUniqueOrThrow({ where: { id: callId } });
  return (row.queueExpiresAt!.getTime() - row.queuedAt.getTime()) / 1000;
};

// A claim or a sweep sees every call of this file's database: each test starts with nothing queued.
beforeEach(async () => {
  await db.call.updateMany({ where: { status: "QUEUED" }, data: { status: "CANCELED" } });
});

describe("the queue deadline", () => {
  it("is the call's queue_timeout when given, else the tenant's maxQueueSeconds (60 by default)", async () => {
    const t = await createVoiceTenant();
    expect(await deadlineSeconds((await place(t.actor, t.number.e164)).id)).toBe(60);
    expect(await deadlineSeconds((await place(t.actor, t.number.e164, 5)).id)).toBe(5);
    await db.tenant.update({ where: { id: t.tenant.id }, data: { maxQueueSeconds: 3600 } });
    expect(await deadlineSeconds((await place(t.actor, t.number.e164)).id)).toBe(3600);
    expect(await deadlineSeconds((await place(t.actor, t.number.e164, 1)).id)).toBe(1);
  });

  it("a per-call queue_timeout beats the tenant's default both ways, in the claim and in the sweep", async () => {
    const patient = await createVoiceTenant({ callsPerSecond: 100 });
    await db.tenant.update({ where: { id: patient.tenant.id }, data: { maxQueueSeconds: 3600 } });
    const hasty = await createVoiceTenant({ callsPerSecond: 100 });
    await db.tenant.update({ where: { id: hasty.tenant.id }, data: { maxQueueSeconds: 1 } });
    const shortOnPatient = await place(patient.actor, patient.number.e164, 1);
    const defaultOnPatient = await place(patient.actor, patient.number.e164);
    const longOnHasty = await place(hasty.actor, hasty.number.e164, 3600);
    const defaultOnHasty = await place(hasty.actor, hasty.number.e164);
    await sleep(1_200);

    expect((await claim()).map((c) => c.id).sort()).toEqual([defaultOnPatient.id, longOnHasty.id].sort());
    expect(await expireQueuedCalls({ limit: 100 })).toBe(2);
    for (const id of [shortOnPatient.id, defaultOnHasty.id]) {
      expect(await db.call.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", hangupCause: "QUEUE_TIMEOUT" });
    }
  });
});

describe("claimQueuedCalls", () => {
  it("never claims a queued call past its deadline, even when no sweep has failed it yet", async () => {
    const t = await createVoiceTenant({ callsPerSecond: 100 });
    const expired = await place(t.actor, t.number.e164, 30);
    await age(expired.id, 31);
    const fresh = await place(t.actor, t.number.e164, 30);
    expect((await claim()).map((c) => c.id)).toEqual([fresh.id]);
    expect(await claim()).toEqual([]);
    expect(await db.call.findUniqueOrThrow({ where: { id: expired.id } })).toMatchObject({ status: "QUEUED", switchId: null, channelUuid: null, initiatedAt: null });
  });
});

describe("expireQueuedCalls", () => {
  it("fails an expired call with QUEUE_TIMEOUT: event, status callback, call.completed, a CallRecord with billsec 0 and no charge", async () => {
    const t = await createVoiceTenant({ creditMicros: 5_000_000n });
    const call = await place(t.actor, t.number.e164, 10);
    const waiting = await place(t.actor, t.number.e164, 10);
    await age(call.id, 11);
    expect(await expireQueuedCalls({ limit: 100 })).toBe(1);

    const ended = await db.call.findUniqueOrThrow({ where: { id: call.id }, include: { callRecord: true, events: { orderBy: { sequence: "asc" } }, callbacks: true } });
    expect(ended).toMatchObject({ status: "FAILED", hangupCause: "QUEUE_TIMEOUT", billsec: 0, durationSeconds: 0, priceMicros: 0n, switchId: null, initiatedAt: null });
    expect(ended.endedAt!.getTime()).toBeGreaterThanOrEqual(ended.queueExpiresAt!.getTime());
    expect(ended.events.map((e) => [e.sequence, e.type, e.status])).toEqual([
      [1, "queued", "QUEUED"],
      [2, "completed", "FAILED"],
    ]);
    expect(ended.events[1]!.data).toMatchObject({ hangupCause: "QUEUE_TIMEOUT", billsec: 0, queueExpiresAt: ended.queueExpiresAt!.toISOString() });
    expect(ended.callRecord).toMatchObject({ status: "FAILED", hangupCause: "QUEUE_TIMEOUT", billsec: 0, billableSeconds: 0, costMicros: 0n, startedAt: ended.queuedAt });
    expect(ended.callbacks).toHaveLength(1);
    expect(ended.callbacks[0]!.params).toMatchObject({ event: "call.completed", call: { id: call.id, status: "failed", hangup_cause: "QUEUE_TIMEOUT" } });
    const webhooks = await db.webhookEvent.findMany({ where: { tenantId: t.tenant.id, type: "call.completed" } });
    expect(webhooks.map((w) => (w.payload as { call: { id: string } }).call.id)).toEqual([call.id]);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: t.tenant.id } })).creditMicros).toBe(5_000_000n);
    expect(await db.creditLedgerEntry.count({ where: { tenantId: t.tenant.id, reason: { startsWith: "call " } } })).toBe(0);

    // The other call has time left; a second sweep finds nothing more.
    expect(await expireQueuedCalls({ limit: 100 })).toBe(0);
    expect((await db.call.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("QUEUED");
  });

  it("ends each expired call exactly once with two sweepers racing in small batches", async () => {
    const t = await createVoiceTenant();
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await place(t.actor, t.number.e164, 5)).id);
    await db.$executeRaw`UPDATE "Call" SET "queuedAt" = "queuedAt" - interval '6 seconds', "queueExpiresAt" = "queueExpiresAt" - interval '6 seconds' WHERE id = ANY(${ids}::text[])`;
    const sweeper = async () => {
      let total = 0;
      for (let n = -1; n !== 0; total += n) n = await expireQueuedCalls({ limit: 4 });
      return total;
    };
    const [a, b] = await Promise.all([sweeper(), sweeper()]);
    expect(a + b).toBe(30);
    expect(await db.call.count({ where: { id: { in: ids }, status: "FAILED", hangupCause: "QUEUE_TIMEOUT" } })).toBe(30);
    expect(await db.callRecord.count({ where: { callId: { in: ids } } })).toBe(30);
    expect(await db.callEvent.count({ where: { callId: { in: ids }, type: "completed" } })).toBe(30);
    expect(await db.callbackDelivery.count({ where: { callId: { in: ids } } })).toBe(30);
    expect(await db.webhookEvent.count({ where: { tenantId: t.tenant.id, type: "call.completed" } })).toBe(30);
  });
});

describe("the tenant's maxQueueSeconds setting", () => {
  it("is read by any member, changed by admins within 1..3600, audited, and applies to calls placed afterwards", async () => {
    const t = await createVoiceTenant();
    const before = await place(t.actor, t.number.e164);
    expect(await getCallSettings({ ...t.actor, role: "AGENT" })).toEqual({ maxQueueSeconds: 60, canEdit: false });
    await expect(setMaxQueueSeconds({ ...t.actor, role: "SUPERVISOR" }, { maxQueueSeconds: 30 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const bad of [0, 3601, 1.5]) await expect(setMaxQueueSeconds(t.actor, { maxQueueSeconds: bad })).rejects.toThrow();
    expect(await setMaxQueueSeconds(t.actor, { maxQueueSeconds: 30 })).toEqual({ maxQueueSeconds: 30 });
    expect(await setMaxQueueSeconds(t.actor, { maxQueueSeconds: 30 })).toEqual({ maxQueueSeconds: 30 });
    expect(await getCallSettings(t.actor)).toEqual({ maxQueueSeconds: 30, canEdit: true });
    const audit = await db.auditLog.findMany({ where: { tenantId: t.tenant.id, action: "calls.max_queue_seconds_changed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: t.actor.userId, targetType: "tenant", targetId: t.tenant.id, before: { maxQueueSeconds: 60 }, after: { maxQueueSeconds: 30 } });
    expect(await deadlineSeconds(before.id)).toBe(60);
    expect(await deadlineSeconds((await place(t.actor, t.number.e164)).id)).toBe(30);
  });
});
