import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { applyCallProgress } from "@/server/calls/apply-call-progress";
import { createCall } from "@/server/calls/create-call";
import { finalizeCall } from "@/server/calls/finalize-call";
import { findLiveCallsOnSwitch } from "@/server/calls/find-live-calls-on-switch";
import { recordCallEvent } from "@/server/calls/record-call-event";
import { claimAsWorker, createVoiceTenant } from "@/test/call-fixtures";

/** A call placed through createCall and claimed by a worker on `fs1`, as the originator would have it. */
async function liveCall(opts: { surface?: "native" | "twilio"; events?: ("initiated" | "ringing" | "answered" | "completed")[] } = {}) {
  const t = await createVoiceTenant();
  // Claims see every queued call of the database; keep other tests' calls out of this one's claim.
  await db.call.updateMany({ where: { status: "QUEUED" }, data: { status: "CANCELED" } });
  const call = await createCall(
    t.actor,
    { to: "+15005550100", from: t.number.e164, instructions: [{ say: "hi" }], statusCallback: "https://example.com/status", statusCallbackEvents: opts.events ?? ["initiated", "ringing", "answered", "completed"] },
    { surface: opts.surface ?? "native" },
  );
  const [claimed] = await claimAsWorker({ switchId: "fs1", workerId: "w1", limit: 10 });
  if (claimed?.id !== call.id) throw new Error("the call was not claimed");
  return { ...t, call: claimed };
}

const sec = (base: Date, s: number) => new Date(base.getTime() + s * 1000);

describe("applyCallProgress", () => {
  it("moves forward once, by call id or channel uuid; repeats, late and backward events are no-ops", async () => {
    const { call, tenant } = await liveCall();
    const t0 = call.initiatedAt!;
    const ringing = await applyCallProgress({ channelUuid: call.channelUuid!, status: "RINGING", at: sec(t0, 1) });
    expect(ringing).toMatchObject({ applied: true, call: { status: "RINGING", eventSequence: 3, ringingAt: sec(t0, 1) } });
    expect((await applyCallProgress({ callId: call.id, status: "RINGING", at: sec(t0, 2) })).applied).toBe(false);

    const answered = await applyCallProgress({ callId: call.id, status: "IN_PROGRESS", at: sec(t0, 3), answeredBy: "human" });
    expect(answered).toMatchObject({ applied: true, call: { status: "IN_PROGRESS", answeredAt: sec(t0, 3), answeredBy: "human", eventSequence: 4 } });
    const late = await applyCallProgress({ callId: call.id, status: "RINGING", at: sec(t0, 4) });
    expect(late).toMatchObject({ applied: false, call: { status: "IN_PROGRESS", eventSequence: 4 } });
    expect((await applyCallProgress({ callId: call.id, status: "IN_PROGRESS", at: sec(t0, 5) })).applied).toBe(false);

    expect(await db.callEvent.findMany({ where: { callId: call.id }, orderBy: { sequence: "asc" }, select: { sequence: true, type: true } })).toEqual([
      { sequence: 1, type: "queued" },
      { sequence: 2, type: "initiated" },
      { sequence: 3, type: "ringing" },
      { sequence: 4, type: "answered" },
    ]);
    const callbacks = await db.callbackDelivery.findMany({ where: { callId: call.id }, orderBy: { sequence: "asc" } });
    expect(callbacks.map((c) => [c.sequence, c.format, (c.params as { event: string }).event])).toEqual([
      [2, "native", "call.initiated"],
      [3, "native", "call.ringing"],
      [4, "native", "call.answered"],
    ]);
    expect(callbacks[2]!.params).toMatchObject({ sequence: 4, call: { id: call.id, status: "in-progress", answered_by: "human" }, timestamp: sec(t0, 3).toISOString() });
    const types = (await db.webhookEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" } })).map((e) => e.type);
    expect(types.filter((t) => t.startsWith("call."))).toEqual(["call.initiated", "call.ringing", "call.answered"]);
  });

  it("answers without ringing, and ignores unknown calls and final ones", async () => {
    const { call } = await liveCall();
    expect((await applyCallProgress({ callId: call.id, status: "IN_PROGRESS", at: new Date() })).call?.status).toBe("IN_PROGRESS");
    expect(await applyCallProgress({ channelUuid: "00000000-0000-0000-0000-000000000000", status: "RINGING", at: new Date() })).toEqual({ applied: false, call: null });
    await finalizeCall({ callId: call.id, endedAt: new Date(), hangupCause: "NORMAL_CLEARING", billsec: 1 });
    expect((await applyCallProgress({ callId: call.id, status: "IN_PROGRESS", at: new Date() })).applied).toBe(false);
  });
});

describe("finalizeCall", () => {
  it("ends an answered call completed: durations, rating, debit with a ledger entry, event, Twilio callback, webhook", async () => {
    const { call, tenant } = await liveCall({ surface: "twilio" });
    const t0 = call.initiatedAt!;
    await applyCallProgress({ callId: call.id, status: "IN_PROGRESS", at: sec(t0, 2) });
    const result = await finalizeCall({ channelUuid: call.channelUuid!, endedAt: sec(t0, 75), hangupCause: "NORMAL_CLEARING", sipStatus: 200, durationSeconds: 75, billsec: 73 });
    expect(result.created).toBe(true);
    expect(result.call).toMatchObject({ status: "COMPLETED", durationSeconds: 75, billsec: 73, hangupCause: "NORMAL_CLEARING", sipStatus: 200, priceMicros: 28_000n, eventSequence: 4 });
    expect(result.record).toMatchObject({ callId: call.id, status: "COMPLETED", switchId: "fs1", billsec: 73, billableSeconds: 120, ratePerMinuteMicros: 14_000n, billingIncrementSeconds: 60, costMicros: 28_000n, currency: "USD", startedAt: t0, answeredAt: sec(t0, 2) });

    const balance = (await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).creditMicros;
    expect(balance).toBe(10_000_000n - 28_000n);
    expect(await db.creditLedgerEntry.findMany({ where: { tenantId: tenant.id }, select: { amountMicros: true, balanceAfter: true } })).toEqual([{ amountMicros: -28_000n, balanceAfter: balance }]);

    const last = await db.callbackDelivery.findFirstOrThrow({ where: { callId: call.id }, orderBy: { sequence: "desc" } });
    expect(last).toMatchObject({ format: "twilio", sequence: 4 });
    expect(last.params).toMatchObject({ CallSid: call.id, AccountSid: tenant.accountSid, CallStatus: "completed", CallDuration: "75", SipResponseCode: "200", SequenceNumber: "2", Direction: "outbound-api" });
    // SequenceNumber counts the callbacks asked for from 0 with no gaps (initiated 0, answered 1, completed 2; no ringing here).
    const numbers = (await db.callbackDelivery.findMany({ where: { callId: call.id }, orderBy: { sequence: "asc" } })).map((c) => (c.params as { SequenceNumber: string }).SequenceNumber);
    expect(numbers).toEqual(numbers.map((_, i) => String(i)));
    const completed = await db.webhookEvent.findFirstOrThrow({ where: { tenantId: tenant.id, type: "call.completed" } });
    expect(completed.payload).toMatchObject({ sequence: 4, call: { id: call.id, status: "completed", billsec: 73, price_micros: "28000", hangup_cause: "NORMAL_CLEARING" } });
    expect(await findLiveCallsOnSwitch("fs1")).not.toContainEqual(expect.objectContaining({ id: call.id }));
  });

  it.each([
    ["USER_BUSY", 486, "BUSY"],
    ["NO_ANSWER", null, "NO_ANSWER"],
    ["CALL_REJECTED", 603, "BUSY"],
    ["UNALLOCATED_NUMBER", 404, "FAILED"],
    ["NORMAL_TEMPORARY_FAILURE", 503, "FAILED"],
  ] as const)("ends an unanswered %s leg (SIP %s) as %s, free of charge", async (cause, sip, status) => {
    const { call, tenant } = await liveCall();
    const { call: ended, record } = await finalizeCall({ callId: call.id, endedAt: new Date(), hangupCause: cause, sipStatus: sip, billsec: 0 });
    expect(ended.status).toBe(status);
    expect(record).toMatchObject({ status, billsec: 0, billableSeconds: 0, costMicros: 0n });
    expect(await db.creditLedgerEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("finalizes exactly once when five finalizations race", async () => {
    const { call, tenant } = await liveCall();
    await applyCallProgress({ callId: call.id, status: "IN_PROGRESS", at: new Date() });
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => finalizeCall({ callId: call.id, endedAt: new Date(), hangupCause: "NORMAL_CLEARING", billsec: 30 + i, durationSeconds: 40 })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
    expect(await db.callRecord.count({ where: { callId: call.id } })).toBe(1);
    expect(await db.creditLedgerEntry.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect(await db.callEvent.count({ where: { callId: call.id, type: "completed" } })).toBe(1);
    expect(await db.webhookEvent.count({ where: { tenantId: tenant.id, type: "call.completed" } })).toBe(1);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).creditMicros).toBe(10_000_000n - 14_000n);
  });

  it("ends an unanswered call canceled when its end was requested, and throws NOT_FOUND for an unknown call", async () => {
    const { call } = await liveCall();
    await db.call.update({ where: { id: call.id }, data: { endRequestedAt: new Date(), endRequestedStatus: "CANCELED" } });
    expect((await finalizeCall({ callId: call.id, endedAt: new Date(), hangupCause: "NORMAL_CLEARING", billsec: 0 })).call.status).toBe("CANCELED");
    await expect(finalizeCall({ callId: "CA" + "0".repeat(32), endedAt: new Date(), hangupCause: null, billsec: 0 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("recordCallEvent", () => {
  it("appends a timeline event with the next sequence, without callback or webhook", async () => {
    const { call, tenant } = await liveCall();
    const callbacksBefore = await db.callbackDelivery.count({ where: { callId: call.id } });
    const webhooksBefore = await db.webhookEvent.count({ where: { tenantId: tenant.id } });
    expect(await recordCallEvent({ channelUuid: call.channelUuid!, type: "dtmf", at: new Date(), data: { digit: "5" } })).toBe(true);
    expect(await db.callEvent.findFirstOrThrow({ where: { callId: call.id }, orderBy: { sequence: "desc" } })).toMatchObject({ sequence: 3, type: "dtmf", status: null, data: { digit: "5" } });
    expect(await db.callbackDelivery.count({ where: { callId: call.id } })).toBe(callbacksBefore);
    expect(await db.webhookEvent.count({ where: { tenantId: tenant.id } })).toBe(webhooksBefore);
    expect(await recordCallEvent({ channelUuid: "00000000-0000-0000-0000-000000000000", type: "dtmf", at: new Date() })).toBe(false);
  });
});

describe("findLiveCallsOnSwitch", () => {
  it("lists the live legs of one switch with their end requests", async () => {
    const { call } = await liveCall();
    await db.call.update({ where: { id: call.id }, data: { endRequestedAt: new Date(), endRequestedStatus: "CANCELED" } });
    const live = await findLiveCallsOnSwitch("fs1");
    expect(live).toContainEqual(expect.objectContaining({ id: call.id, status: "INITIATED", channelUuid: call.channelUuid, endRequestedStatus: "CANCELED" }));
    expect(await findLiveCallsOnSwitch("fs-other")).toEqual([]);
  });
});
