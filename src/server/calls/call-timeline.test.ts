// A call's times come from the database's clock (queued, initiated) and the switch's (ringing, answered, ended).
// With the switch's clock behind the database's, the timeline still runs forward: start ≤ answer ≤ end in the API
// view and the CDR, every event at or after the one before it, and billsec the switch's own figure.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { applyCallProgress, applyCallProgressBatch } from "@/server/calls/apply-call-progress";
import { toCallResource } from "@/server/calls/call-view";
import { createCall } from "@/server/calls/create-call";
import { createInboundCall } from "@/server/calls/create-inbound-call";
import { finalizeCall } from "@/server/calls/finalize-call";
import { getCall } from "@/server/calls/get-call";
import { recordCallEvent } from "@/server/calls/record-call-event";
import { updateCall } from "@/server/calls/update-call";
import { claimAsWorker, createVoiceTenant } from "@/test/call-fixtures";

const sec = (base: Date, s: number) => new Date(base.getTime() + s * 1000);

/** A call placed and claimed (initiated on the database's clock), as the originator has it before it dials. */
async function claimedCall() {
  const t = await createVoiceTenant();
  const placed = await createCall(
    t.actor,
    { to: "+15005550100", from: t.number.e164, instructions: [{ say: "hi" }], statusCallback: "https://example.com/status", statusCallbackEvents: ["initiated", "ringing", "answered", "completed"] },
    { surface: "twilio" },
  );
  const [call] = await claimAsWorker({ switchId: "fs1", workerId: "w1", limit: 10 });
  if (call?.id !== placed.id) throw new Error("the call was not claimed");
  return { ...t, call };
}

/** Everything a client and the books see of the call's times. */
async function timeline(callId: string, actor: Awaited<ReturnType<typeof createVoiceTenant>>["actor"]) {
  const resource = toCallResource(await getCall(actor, { callId }));
  const row = await db.call.findUniqueOrThrow({ where: { id: callId }, include: { callRecord: true, events: { orderBy: { sequence: "asc" } }, callbacks: { orderBy: { sequence: "asc" } } } });
  return { resource, row, record: row.callRecord!, events: row.events, callbacks: row.callbacks };
}

function expectInOrder(times: (string | Date | null | undefined)[]) {
  const ms = times.map((t) => (t ? new Date(t).getTime() : null));
  for (const t of ms) expect(t).not.toBeNull();
  for (let i = 1; i < ms.length; i++) expect(ms[i]!, `time ${i} (${String(times[i])}) before time ${i - 1} (${String(times[i - 1])})`).toBeGreaterThanOrEqual(ms[i - 1]!);
}

// Claims see every queued call of this file's database.
beforeEach(async () => {
  await db.call.updateMany({ where: { status: "QUEUED" }, data: { status: "CANCELED" } });
});

describe("a call's timeline with the switch's clock behind the database's", () => {
  it("an outbound call: start ≤ ring ≤ answer ≤ end in the view and the CDR, events in order, billsec the switch's", async () => {
    const { call, actor } = await claimedCall();
    const start = call.initiatedAt!;
    // The switch's clock runs 5 s behind the database's: it rings at -4 s, answers at -3 s, hangs up 3 s later.
    await applyCallProgress({ channelUuid: call.channelUuid!, status: "RINGING", at: sec(start, -4) });
    await applyCallProgress({ channelUuid: call.channelUuid!, status: "IN_PROGRESS", at: sec(start, -3) });
    await recordCallEvent({ channelUuid: call.channelUuid!, type: "dtmf", at: sec(start, -2), data: { digit: "1" } });
    await finalizeCall({ channelUuid: call.channelUuid!, endedAt: sec(start, 0), hangupCause: "NORMAL_CLEARING", billsec: 3, durationSeconds: 4, answeredAt: sec(start, -3) });

    const { resource, row, record, events, callbacks } = await timeline(call.id, actor);
    expectInOrder([resource.created_at, resource.start_time, resource.answer_time, resource.end_time]);
    expectInOrder([row.queuedAt, row.initiatedAt, row.ringingAt, row.answeredAt, row.endedAt]);
    expectInOrder([record.startedAt, record.answeredAt, record.endedAt]);
    expectInOrder(events.map((e) => e.occurredAt));
    expect(events.map((e) => e.type)).toEqual(["queued", "initiated", "ringing", "answered", "dtmf", "completed"]);
    expectInOrder(callbacks.map((c) => (c.params as { Timestamp: string }).Timestamp));
    // The switch's figures stand: billsec and duration are not recomputed from the clamped times.
    expect(resource).toMatchObject({ status: "completed", billsec: 3, duration: 4 });
    expect(record).toMatchObject({ billsec: 3, durationSeconds: 4 });
    // Nothing was moved that needed no moving: the start is the claim's.
    expect(row.initiatedAt).toEqual(start);
  });

  it("ringing and answer applied in one batch are clamped in turn", async () => {
    const { call, actor } = await claimedCall();
    const start = call.initiatedAt!;
    await applyCallProgressBatch([
      { channelUuid: call.channelUuid!, status: "RINGING", at: sec(start, -9) },
      { channelUuid: call.channelUuid!, status: "IN_PROGRESS", at: sec(start, -8) },
    ]);
    await finalizeCall({ callId: call.id, endedAt: sec(start, -1), hangupCause: "NORMAL_CLEARING", billsec: 7 });
    const { resource, row, events } = await timeline(call.id, actor);
    expectInOrder([resource.start_time, resource.answer_time, resource.end_time]);
    expectInOrder([row.initiatedAt, row.ringingAt, row.answeredAt, row.endedAt]);
    expectInOrder(events.map((e) => e.occurredAt));
    expect(resource.billsec).toBe(7);
  });

  it("an answer time known only from the hang-up (answer_uepoch) is clamped too", async () => {
    const { call, actor } = await claimedCall();
    const start = call.initiatedAt!;
    await finalizeCall({ channelUuid: call.channelUuid!, endedAt: sec(start, -1), hangupCause: "NORMAL_CLEARING", billsec: 2, answeredAt: sec(start, -3) });
    const { resource, record } = await timeline(call.id, actor);
    expectInOrder([resource.start_time, resource.answer_time, resource.end_time]);
    expectInOrder([record.startedAt, record.answeredAt, record.endedAt]);
    expect(record.billsec).toBe(2);
  });

  it("a queued call canceled on a clock behind the database's ends no earlier than it was queued", async () => {
    const t = await createVoiceTenant();
    const placed = await createCall(t.actor, { to: "+15005550100", from: t.number.e164, instructions: [{ say: "hi" }] }, { surface: "native" });
    // As if the app server's clock were behind: the queued time is moved ahead of every clock in this process.
    await db.call.update({ where: { id: placed.id }, data: { queuedAt: sec(new Date(), 30) } });
    await updateCall(t.actor, { callId: placed.id, status: "canceled" });
    const { row, record } = await timeline(placed.id, t.actor);
    expectInOrder([row.queuedAt, row.endedAt]);
    expectInOrder([record.startedAt, record.endedAt]);
  });

  it("times that are already in order are kept exactly", async () => {
    const { call } = await claimedCall();
    const start = call.initiatedAt!;
    await applyCallProgress({ callId: call.id, status: "RINGING", at: sec(start, 1) });
    await applyCallProgress({ callId: call.id, status: "IN_PROGRESS", at: sec(start, 2) });
    await finalizeCall({ callId: call.id, endedAt: sec(start, 7), hangupCause: "NORMAL_CLEARING", billsec: 5, answeredAt: sec(start, 2) });
    const row = await db.call.findUniqueOrThrow({ where: { id: call.id }, include: { callRecord: true } });
    expect([row.ringingAt, row.answeredAt, row.endedAt]).toEqual([sec(start, 1), sec(start, 2), sec(start, 7)]);
    expect(row.callRecord).toMatchObject({ startedAt: start, answeredAt: sec(start, 2), endedAt: sec(start, 7), billsec: 5 });
  });
});

describe("an inbound call with the switch's clock ahead of the worker's", () => {
  it("the worker's answer time does not precede the switch's ringing", async () => {
    const t = await createVoiceTenant();
    const at = sec(new Date(), 20);
    const created = await createInboundCall({ switchId: "fs1", channelUuid: crypto.randomUUID(), to: t.number.e164, from: "5551000", at });
    if (created.rejected !== null) throw new Error(created.rejected);
    await applyCallProgress({ callId: created.call.id, status: "IN_PROGRESS", at: new Date() });
    await finalizeCall({ callId: created.call.id, endedAt: sec(at, 4), hangupCause: "NORMAL_CLEARING", billsec: 4 });
    const { resource, events } = await timeline(created.call.id, t.actor);
    expectInOrder([resource.start_time, resource.answer_time, resource.end_time]);
    expectInOrder(events.map((e) => e.occurredAt));
    expect(resource.end_time).toBe(sec(at, 4).toISOString());
  });
});
