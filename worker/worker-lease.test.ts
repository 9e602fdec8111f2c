// One worker per switch: a second worker started with the same SWITCH_ID (the compose app's simulated twin of the
// real worker) is refused and claims nothing; a crashed worker's switch is taken over once its lease lapses; a
// graceful stop hands the switch over at once; a worker whose lease passed to another stops claiming and
// reconciling at once.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { createVoiceTenant } from "@/test/call-fixtures";
import { SwitchLeaseHeldError } from "./switch-lease-keeper";
import { placeCall, testFleet, useTempRecordingDirs, waitForFinalCall } from "./test-harness";

const TTL_MS = 3_000;
const HEARTBEAT_MS = 1_000;

const { sim, worker } = testFleet({ leaseTtlMs: TTL_MS, heartbeatMs: HEARTBEAT_MS });

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

beforeAll(async () => {
  await useTempRecordingDirs();
});


describe("the switch lease", () => {
  it("refuses a second worker for the same switch, naming the holder, within the TTL and a beat; the second claims no call", async () => {
    const real = await worker(await sim(), { switchId: "fs-twin" });
    const voice = await createVoiceTenant({ callsPerSecond: 50, maxConcurrentCalls: 50 });

    const twin = timed(worker(await sim(), { switchId: "fs-twin", workerId: "wrk_twin" }).then(
      () => null,
      (err: unknown) => err,
    ));
    // Calls queued while the twin tries to start: every one must go to the switch that holds the lease.
    const calls = await Promise.all(Array.from({ length: 5 }, () => placeCall(voice.actor, { to: "+15005550101", from: voice.number.e164, instructions: [{ pause: 1 }] })));
    const { value: refusal, ms } = await twin;

    expect(refusal).toBeInstanceOf(SwitchLeaseHeldError);
    const held = refusal as SwitchLeaseHeldError;
    expect(held.holder).toMatchObject({ switchId: "fs-twin", workerId: real.id });
    expect(held.message).toContain(real.id);
    expect(held.message).toContain(held.holder.hostname);
    expect(ms).toBeLessThan(TTL_MS + HEARTBEAT_MS + 1_000);

    for (const call of calls) expect((await waitForFinalCall(call.id)).claimedBy).toBe(real.id);
    expect(await db.call.count({ where: { claimedBy: "wrk_twin" } })).toBe(0);
    // It never started: no heartbeat, so /api/health shows no second worker for the switch.
    expect(await db.workerInstance.findUnique({ where: { id: "wrk_twin" } })).toBeNull();
    expect((await db.switchLease.findUniqueOrThrow({ where: { switchId: "fs-twin" } })).workerId).toBe(real.id);
  }, 30_000);

  it("after the holder crashed, the next worker waits for its lease to lapse, then takes the switch over and claims", async () => {
    const s = await sim();
    const crashed = await worker(s, { switchId: "fs-crash" });
    await crashed.kill();

    const { value: next, ms } = await timed(worker(s, { switchId: "fs-crash" }));
    // The crashed worker renewed at most one beat before it died.
    expect(ms).toBeGreaterThanOrEqual(TTL_MS - HEARTBEAT_MS - 200);
    expect(ms).toBeLessThan(TTL_MS + HEARTBEAT_MS + 1_000);
    expect((await db.switchLease.findUniqueOrThrow({ where: { switchId: "fs-crash" } })).workerId).toBe(next.id);

    const voice = await createVoiceTenant({ callsPerSecond: 50, maxConcurrentCalls: 50 });
    const call = await placeCall(voice.actor, { to: "+15005550101", from: voice.number.e164, instructions: [{ pause: 1 }] });
    expect(await waitForFinalCall(call.id)).toMatchObject({ status: "COMPLETED", claimedBy: next.id });
  }, 30_000);

  it("a graceful stop releases the lease at once: the next worker starts without waiting", async () => {
    const s = await sim();
    const first = await worker(s, { switchId: "fs-handover" });
    await first.stop(2_000);
    expect(await db.switchLease.findUnique({ where: { switchId: "fs-handover" } })).toBeNull();

    const { value: next, ms } = await timed(worker(s, { switchId: "fs-handover" }));
    expect(ms).toBeLessThan(TTL_MS / 2);
    expect((await db.switchLease.findUniqueOrThrow({ where: { switchId: "fs-handover" } })).workerId).toBe(next.id);
  }, 30_000);

  it("a worker whose lease passed to another stops claiming and reconciling at once, and says so", async () => {
    const w = await worker(await sim(), { switchId: "fs-lost" });
    const voice = await createVoiceTenant({ callsPerSecond: 50, maxConcurrentCalls: 50 });
    // Its lease lapsed (a long stall) and another worker took the switch over.
    const at = new Date();
    await db.switchLease.update({ where: { switchId: "fs-lost" }, data: { workerId: "wrk_successor", hostname: "elsewhere", renewedAt: at, expiresAt: new Date(at.getTime() + 3_600_000) } });
    const lost = await timed(w.leaseLost);
    expect(lost.ms).toBeLessThan(HEARTBEAT_MS + 1_000);
    expect(lost.value.holder).toMatchObject({ workerId: "wrk_successor", hostname: "elsewhere" });
    expect(w.health().ok).toBe(false);

    // A call the successor placed, live on its switch, which this worker's simulator has never seen.
    const live = newSid("CA");
    await db.call.create({
      data: { id: live, tenantId: voice.tenant.id, direction: "OUTBOUND_API", status: "IN_PROGRESS", from: voice.number.e164, to: "+15005550100", switchId: "fs-lost", claimedBy: "wrk_successor", claimedAt: at, initiatedAt: at, answeredAt: at, channelUuid: randomUUID(), eventSequence: 4 },
    });
    await w.reconcileNow();
    const queued = await placeCall(voice.actor, { to: "+15005550101", from: voice.number.e164, instructions: [{ pause: 1 }] });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await db.call.findUniqueOrThrow({ where: { id: live } })).toMatchObject({ status: "IN_PROGRESS", endedAt: null });
    expect(await db.callRecord.count({ where: { callId: live } })).toBe(0);
    expect((await db.call.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe("QUEUED");
    // The successor's lease is left alone when this worker stops.
    await w.stop(2_000);
    expect((await db.switchLease.findUniqueOrThrow({ where: { switchId: "fs-lost" } })).workerId).toBe("wrk_successor");
    // Queued calls belong to no switch: keep this one from the next test's worker.
    await db.call.update({ where: { id: queued.id }, data: { status: "CANCELED" } });
  }, 30_000);
});
