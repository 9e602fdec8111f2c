// A 20-second PostgreSQL outage under live calls, on a server of this file's own that the test stops and starts.
// Before: the worker dropped every event it could not store (a hang-up during the outage was closed by reconcile
// when the database came back, billsec counted to that moment; an answer during it left the call `failed`, billsec
// 0, unbilled). Now the events wait in order and are applied with the switch's own times.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const pg = await vi.hoisted(async () => (await import("@/test/own-postgres")).startOwnPostgres("worker-outage"));

import { db } from "@/server/db";
import { createVoiceTenant } from "@/test/call-fixtures";
import type { Simulator } from "../freeswitch/simulator/index";
import type { RunningWorker } from "./start-worker";
import { placeCall, startTestSimulator, startTestWorker, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

// Simulated seconds last TIME_SCALE real seconds: the 1 s ring of the magic numbers is 2 s, long enough to stop the
// database between a call's ringing and its answer.
const TIME_SCALE = 2;
const OUTAGE_MS = 20_000;

let sim: Simulator;
const workers: RunningWorker[] = [];

beforeAll(async () => {
  await useTempRecordingDirs();
  sim = await startTestSimulator({ timeScale: TIME_SCALE });
}, 120_000);

afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop(2_000).catch(() => undefined);
});

afterAll(async () => {
  await sim?.close();
  await db.$disconnect().catch(() => undefined);
  await pg.destroy();
});

async function worker(): Promise<RunningWorker> {
  // Reconcile every 2 s: it runs while the held events are applied, and must not settle a call they settle.
  const w = await startTestWorker(sim, { reconcileMs: 2_000, databaseProbeMs: 200, leaseTtlMs: 4_000 });
  workers.push(w);
  return w;
}

const statusOf = async (id: string) => (await db.call.findUnique({ where: { id }, select: { status: true } }))?.status;

async function expectSettledOnce(callId: string, billsec: number) {
  const call = await waitForFinalCall(callId, 60_000);
  expect(call.status).toBe("COMPLETED");
  expect(call.hangupCause).toBe("NORMAL_CLEARING");
  // The simulator reports whole epoch seconds, so the switch's own figure is the magic number's or one more.
  expect(call.callRecord!.billsec).toBeGreaterThanOrEqual(billsec);
  expect(call.callRecord!.billsec).toBeLessThanOrEqual(billsec + 1);
  expect(call.events.at(-1)!.data).not.toMatchObject({ reconciled: true });
  const types = call.events.map((e) => e.type);
  expect(types.filter((t) => t === "answered")).toHaveLength(1);
  expect(types.filter((t) => t === "completed")).toHaveLength(1);
  expect(types.indexOf("answered")).toBeLessThan(types.indexOf("completed"));
  for (let i = 1; i < call.events.length; i++) expect(call.events[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(call.events[i - 1]!.occurredAt.getTime());
  const debits = await db.creditLedgerEntry.findMany({ where: { reason: { startsWith: `call ${callId} ` } } });
  expect(debits).toHaveLength(1);
  expect(debits[0]!.amountMicros).toBe(-call.callRecord!.costMicros);
  return call;
}

describe("a 20 s database outage under live calls", () => {
  it("a call ending during it, one answered during it and one queued across it are each recorded once, billed to the switch's second", async () => {
    const w = await worker();
    // At most two live calls: the third waits queued until one ends (during the outage: claims pause, then resume).
    const voice = await createVoiceTenant({ callsPerSecond: 10, maxConcurrentCalls: 2, creditMicros: 100_000_000n });
    const endsDuring = await placeCall(voice.actor, { to: "+15005550108", from: voice.number.e164, instructions: [{ pause: 60 }] });
    await waitFor("the first call answered", async () => (await statusOf(endsDuring.id)) === "IN_PROGRESS", 15_000);
    const answeredDuring = await placeCall(voice.actor, { to: "+15005550115", from: voice.number.e164, instructions: [{ pause: 60 }] });
    const queuedAcross = await placeCall(voice.actor, { to: "+15005550105", from: voice.number.e164, instructions: [{ pause: 60 }] });
    await waitFor("the second call ringing", async () => (await statusOf(answeredDuring.id)) === "RINGING", 15_000);

    await pg.stop();
    const stoppedAt = Date.now();
    await waitFor("the worker to see the database down", async () => w.health().body.database === "down", 10_000, 100);
    expect(w.health().ok).toBe(false);
    await new Promise((r) => setTimeout(r, OUTAGE_MS - (Date.now() - stoppedAt)));
    // On the switch: the first call ended, the second answered, the third never dialled.
    expect(sim.channels.size).toBe(1);
    await pg.start();

    await waitFor("the worker to see the database back", async () => w.health().body.database === "up", 10_000, 100);
    await expectSettledOnce(endsDuring.id, 8);
    const answered = await expectSettledOnce(answeredDuring.id, 15);
    // Answered by the switch while the database was away, and recorded so (not `failed`, not billsec 0).
    expect(answered.answeredAt).not.toBeNull();
    await expectSettledOnce(queuedAcross.id, 5);
    const handlers = w.health().body.handlers as Record<string, { shed?: Record<string, number> }>;
    expect(handlers["call-events"]?.shed).toEqual({});
  }, 120_000);

  it("a worker killed during the outage holding an unstored answer: the next one recovers the answer at the switch's time from uuid_dump", async () => {
    const first = await worker();
    const voice = await createVoiceTenant({ callsPerSecond: 10, maxConcurrentCalls: 2, creditMicros: 100_000_000n });
    const call = await placeCall(voice.actor, { to: "+15005550115", from: voice.number.e164, instructions: [{ pause: 60 }] });
    await waitFor("the call ringing", async () => (await statusOf(call.id)) === "RINGING", 15_000);
    await pg.stop();
    await waitFor("the switch to answer", async () => [...sim.channels.values()].some((c) => c.answerState === "answered"), 10_000, 50);
    // The answer waits in the first worker, which dies with it.
    await first.kill();
    await new Promise((r) => setTimeout(r, 6_000));
    await pg.start();
    await worker();
    const settled = await expectSettledOnce(call.id, 15);
    expect(settled.answeredAt).not.toBeNull();
  }, 120_000);
});
