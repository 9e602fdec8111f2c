import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { applyCallProgress } from "@/server/calls/apply-call-progress";
import { createCall } from "@/server/calls/create-call";
import { findCallEvents } from "@/server/calls/find-call-events";
import { findCalls } from "@/server/calls/find-calls";
import { finalizeCall } from "@/server/calls/finalize-call";
import { getCall } from "@/server/calls/get-call";
import { CALL_END_REQUESTED_CHANNEL, parseCallEndRequestedPayload, updateCall } from "@/server/calls/update-call";
import { claimAsWorker, createVoiceTenant } from "@/test/call-fixtures";

let listener: pg.Client;
const notifications: string[] = [];

beforeAll(async () => {
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (n) => {
    if (n.channel === CALL_END_REQUESTED_CHANNEL && n.payload) notifications.push(n.payload);
  });
  await listener.query(`LISTEN ${CALL_END_REQUESTED_CHANNEL}`);
});
afterAll(() => listener.end());
beforeEach(async () => {
  await db.call.updateMany({ where: { status: "QUEUED" }, data: { status: "CANCELED" } });
});

async function waitForNotification(payload: string) {
  for (let i = 0; i < 100 && !notifications.includes(payload); i++) await new Promise((r) => setTimeout(r, 20));
  expect(notifications).toContain(payload);
}

async function placed() {
  const t = await createVoiceTenant();
  const call = await createCall(t.actor, { to: "+15005550100", from: t.number.e164, instructions: [{ say: "hi" }], statusCallback: "https://example.com/s", statusCallbackEvents: ["completed"] }, { surface: "native" });
  return { ...t, call };
}

async function claimed() {
  const t = await placed();
  const [c] = await claimAsWorker({ switchId: "fs1", workerId: "w1", limit: 1 });
  if (c?.id !== t.call.id) throw new Error("not claimed");
  return { ...t, call: c };
}

describe("updateCall", () => {
  it("cancels a queued call at once: final, a zero-cost CallRecord, no switch, the completed callback", async () => {
    const { actor, call, tenant } = await placed();
    const canceled = await updateCall(actor, { callId: call.id, status: "canceled" });
    expect(canceled).toMatchObject({ status: "CANCELED", switchId: null, billsec: 0, durationSeconds: 0, priceMicros: 0n, endRequestedStatus: "CANCELED" });
    expect(await db.callRecord.findUniqueOrThrow({ where: { callId: call.id } })).toMatchObject({ status: "CANCELED", billsec: 0, costMicros: 0n, switchId: null });
    const [callback] = await db.callbackDelivery.findMany({ where: { callId: call.id } });
    expect(callback!.params).toMatchObject({ event: "call.completed", call: { status: "canceled" } });
    expect(await db.creditLedgerEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
    // No worker will ever see it.
    expect(await claimAsWorker({ switchId: "fs1", workerId: "w1", limit: 10 })).toEqual([]);
  });

  it("treats `completed` on a queued call as a cancel", async () => {
    const { actor, call } = await placed();
    expect((await updateCall(actor, { callId: call.id, status: "completed" })).status).toBe("CANCELED");
  });

  it("asks the owning worker to cancel a ringing call (NOTIFY '<switch>:<call>'), which then ends canceled", async () => {
    const { actor, call } = await claimed();
    await applyCallProgress({ callId: call.id, status: "RINGING", at: new Date() });
    const requested = await updateCall(actor, { callId: call.id, status: "canceled" });
    expect(requested).toMatchObject({ status: "RINGING", endRequestedStatus: "CANCELED" });
    expect(requested.endRequestedAt).toBeInstanceOf(Date);
    await waitForNotification(`fs1:${call.id}`);
    expect(parseCallEndRequestedPayload(`fs1:${call.id}`)).toEqual({ switchId: "fs1", callId: call.id });
    const events = await findCallEvents(actor, { callId: call.id });
    expect(events.at(-1)).toMatchObject({ type: "end_requested", status: null, data: { endStatus: "CANCELED", requested: "canceled" } });
    // The worker kills the channel; the hang-up it reports finalizes the call as canceled.
    const { call: ended } = await finalizeCall({ callId: call.id, endedAt: new Date(), hangupCause: "ORIGINATOR_CANCEL", sipStatus: 487, billsec: 0 });
    expect(ended.status).toBe("CANCELED");
  });

  it("hangs up an answered call on `completed`, and leaves it alone on `canceled`", async () => {
    const { actor, call } = await claimed();
    await applyCallProgress({ callId: call.id, status: "IN_PROGRESS", at: new Date() });
    const untouched = await updateCall(actor, { callId: call.id, status: "canceled" });
    expect(untouched).toMatchObject({ status: "IN_PROGRESS", endRequestedAt: null });
    const hangUp = await updateCall(actor, { callId: call.id, status: "completed" });
    expect(hangUp).toMatchObject({ status: "IN_PROGRESS", endRequestedStatus: "COMPLETED" });
    await waitForNotification(`fs1:${call.id}`);
    // A repeat neither re-requests nor writes another event.
    const again = await updateCall(actor, { callId: call.id, status: "completed" });
    expect(again.eventSequence).toBe(hangUp.eventSequence);
  });

  it("returns a final call unchanged", async () => {
    const { actor, call } = await claimed();
    await finalizeCall({ callId: call.id, endedAt: new Date(), hangupCause: "USER_BUSY", billsec: 0 });
    const after = await updateCall(actor, { callId: call.id, status: "completed" });
    expect(after).toMatchObject({ status: "BUSY", endRequestedAt: null });
  });

  it("is safe against a worker claiming the queued call at the same moment", async () => {
    for (let i = 0; i < 5; i++) {
      const { actor, call } = await placed();
      const [update, claims] = await Promise.all([updateCall(actor, { callId: call.id, status: "canceled" }), claimAsWorker({ switchId: "fs1", workerId: "w1", limit: 10 })]);
      const row = await db.call.findUniqueOrThrow({ where: { id: call.id } });
      if (claims.some((c) => c.id === call.id)) {
        // The claim won: the cancel became an end request for the worker.
        expect(row).toMatchObject({ status: "INITIATED", endRequestedStatus: "CANCELED" });
        expect(update.status).toBe("INITIATED");
      } else {
        expect(row.status).toBe("CANCELED");
        expect(row.switchId).toBeNull();
      }
    }
  });

  it("reads another tenant's call as not found everywhere", async () => {
    const { call } = await placed();
    const other = await createVoiceTenant();
    for (const attempt of [
      () => getCall(other.actor, { callId: call.id }),
      () => updateCall(other.actor, { callId: call.id, status: "canceled" }),
      () => findCallEvents(other.actor, { callId: call.id }),
      () => getCall(other.actor, { callId: "not-a-call" }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await db.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe("QUEUED");
    await expect(findCalls(other.actor, { cursor: call.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("findCalls", () => {
  it("filters by status, direction, number and creation time, newest first, with a cursor", async () => {
    const { actor, number, call: first } = await placed();
    const second = await createCall(actor, { to: "+14155550123", from: number.e164, url: "https://example.com/x" }, { surface: "native" });
    const third = await createCall(actor, { to: "+15005550100", from: number.e164, url: "https://example.com/x" }, { surface: "native" });
    await updateCall(actor, { callId: third.id, status: "canceled" });

    const all = await findCalls(actor, { limit: 2 });
    expect(all.items.map((c) => c.id)).toEqual([third.id, second.id]);
    expect(all).toMatchObject({ hasMore: true, nextCursor: second.id });
    expect((await findCalls(actor, { limit: 2, cursor: all.nextCursor })).items.map((c) => c.id)).toEqual([first.id]);
    expect((await findCalls(actor, { status: "QUEUED" })).items.map((c) => c.id)).toEqual([second.id, first.id]);
    expect((await findCalls(actor, { number: "+14155550123" })).items.map((c) => c.id)).toEqual([second.id]);
    expect((await findCalls(actor, { number: number.e164 })).items).toHaveLength(3);
    expect((await findCalls(actor, { direction: "INBOUND" })).items).toEqual([]);
    expect((await findCalls(actor, { startedAfter: second.createdAt })).items.map((c) => c.id)).toEqual([third.id, second.id]);
    expect((await findCalls(actor, { startedBefore: second.createdAt })).items.map((c) => c.id)).toEqual([first.id]);
  });
});
