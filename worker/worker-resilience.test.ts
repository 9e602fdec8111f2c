// Exactly one CallRecord per call however the worker or its link fails: a worker killed mid-call and replaced,
// the event socket dropped and back, events delivered twice, a claim left behind by a dead worker.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { createVoiceTenant } from "@/test/call-fixtures";
import type { Simulator } from "../freeswitch/simulator/index";
import type { EslEvent } from "./esl/wire";
import type { RunningWorker } from "./start-worker";
import type { SwitchConnection } from "./switch-port";
import { placeCall, startTestSimulator, startTestWorker, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let voice: Awaited<ReturnType<typeof createVoiceTenant>>;
const running: RunningWorker[] = [];

async function worker(opts: Parameters<typeof startTestWorker>[1] = {}) {
  // The shortest lease (two heartbeats): a killed worker's switch is free again by the time the tests below have
  // watched its calls end, so the next worker starts while the calls that outlive the gap are still up.
  const w = await startTestWorker(sim, { leaseTtlMs: 2_000, ...opts });
  running.push(w);
  return w;
}

beforeAll(async () => {
  await useTempRecordingDirs();
  sim = await startTestSimulator({ timeScale: 0.05, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
  voice = await createVoiceTenant({ callsPerSecond: 50, maxConcurrentCalls: 50, creditMicros: 100_000_000n });
});

afterAll(async () => {
  for (const w of running) await w.stop(2_000).catch(() => undefined);
  await sim?.close();
});

const statusOf = async (id: string) => (await db.call.findUnique({ where: { id } }))?.status;

describe("one CallRecord per call", () => {
  it("a worker killed mid-call: the next one finalizes calls that ended meanwhile and adopts those still up", async () => {
    const first = await worker();
    // +150055501SS hangs up SS simulated seconds after answering: 40 s × 0.05 = 2 s; 99 s ≈ 5 s.
    const endsDuringGap = await placeCall(voice.actor, { to: "+15005550140", from: voice.number.e164, instructions: [{ pause: 60 }] });
    const outlivesGap = await placeCall(voice.actor, { to: "+15005550199", from: voice.number.e164, instructions: [{ pause: 60 }] });
    await waitFor("both answered", async () => (await statusOf(endsDuringGap.id)) === "IN_PROGRESS" && (await statusOf(outlivesGap.id)) === "IN_PROGRESS");
    await first.kill();
    await waitFor("the first call gone from the switch", async () => !sim.channels.has((await db.call.findUnique({ where: { id: endsDuringGap.id } }))!.channelUuid!), 5_000);

    const second = await worker();
    const settled = await waitForFinalCall(endsDuringGap.id);
    expect(settled.status).toBe("COMPLETED");
    expect(settled.hangupCause).toBe("NORMAL_CLEARING");
    expect(settled.events.at(-1)!.data).toMatchObject({ reconciled: true });
    expect(settled.callRecord!.billsec).toBeGreaterThanOrEqual(0);

    // The other call is adopted: its own HANGUP_COMPLETE finalizes it with the switch's numbers.
    expect(second.context.channels.get(settled.channelUuid!)).toBeUndefined();
    const adopted = await waitForFinalCall(outlivesGap.id, 15_000);
    expect(adopted.status).toBe("COMPLETED");
    expect(adopted.events.at(-1)!.data).not.toMatchObject({ reconciled: true });
    for (const id of [endsDuringGap.id, outlivesGap.id]) expect(await db.callRecord.count({ where: { callId: id } })).toBe(1);
    await second.stop(2_000);
  });

  it("a recording whose worker died before RECORD_STOP is ingested by the next worker's reconcile", async () => {
    const first = await worker();
    const placed = await placeCall(voice.actor, { to: "+15005550140", from: voice.number.e164, instructions: [{ pause: 60 }], record: true });
    await waitFor("recording started", async () => (await db.recording.count({ where: { callId: placed.id, status: "IN_PROGRESS" } })) === 1);
    await first.kill();
    const uuid = (await db.call.findUniqueOrThrow({ where: { id: placed.id } })).channelUuid!;
    await waitFor("the call gone from the switch", async () => !sim.channels.has(uuid), 5_000);
    // A failed ingest (a busy database on a loaded machine) is retried at the next periodic reconcile: make it 1 s.
    const second = await worker({ reconcileMs: 1_000 });
    await waitForFinalCall(placed.id, 20_000);
    const recording = await waitFor("recording completed", () => db.recording.findFirst({ where: { callId: placed.id, status: "COMPLETED" } }), 20_000);
    expect(recording.channels).toBe(2);
    await second.stop(2_000);
  });

  it("the event socket drops while a call ends: reconcile on reconnect finalizes it once", async () => {
    const w = await worker();
    const placed = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ pause: 60 }] });
    await waitFor("answered", async () => (await statusOf(placed.id)) === "IN_PROGRESS");
    const uuid = (await db.call.findUniqueOrThrow({ where: { id: placed.id } })).channelUuid!;
    // Drop the link and hang the call up at the far end before the worker is back.
    const res = await fetch(`${sim.controlUrl}/esl/drop`, { method: "POST" });
    expect(res.ok).toBe(true);
    sim.switch.remoteBye(sim.channels.get(uuid)!);
    const ended = await waitForFinalCall(placed.id);
    expect(ended.status).toBe("COMPLETED");
    expect(await db.callRecord.count({ where: { callId: placed.id } })).toBe(1);
    // Whichever saw it first (the HANGUP_COMPLETE, if the link was back in time, or reconcile), only one record.
    await new Promise((r) => setTimeout(r, 500));
    expect(await db.callRecord.count({ where: { callId: placed.id } })).toBe(1);
    expect(await db.callEvent.count({ where: { callId: placed.id, type: "completed" } })).toBe(1);
    await w.stop(2_000);
  });

  it("events delivered twice change nothing", async () => {
    const w = await worker();
    const seen: EslEvent[] = [];
    (w.context.esl as SwitchConnection).onEvent((e) => seen.push(e));
    const placed = await placeCall(voice.actor, { to: "+15005550103", from: voice.number.e164, instructions: [{ pause: 1 }] });
    const ended = await waitForFinalCall(placed.id);
    const uuid = ended.channelUuid!;
    const events = seen.filter((e) => e.uniqueId === uuid && ["CHANNEL_PROGRESS", "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE"].includes(e.name));
    expect(events.map((e) => e.name)).toEqual(expect.arrayContaining(["CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE"]));
    const before = await db.callEvent.count({ where: { callId: placed.id } });
    for (const e of events) w.injectEvent(e);
    for (const e of events) w.injectEvent(e);
    await w.context.calls.onIdle();
    expect(await db.callRecord.count({ where: { callId: placed.id } })).toBe(1);
    expect(await db.callEvent.count({ where: { callId: placed.id } })).toBe(before);
    expect((await db.call.findUniqueOrThrow({ where: { id: placed.id } })).status).toBe("COMPLETED");
    await w.stop(2_000);
  });

  it("a call claimed by a dead worker and never seen on the switch is failed, once, not re-dialled", async () => {
    const deadWorker = "wrk_dead_" + randomUUID().slice(0, 8);
    await db.workerInstance.create({ data: { id: deadWorker, hostname: "gone", switchId: "fs-test", linkState: "connected", lastHeartbeatAt: new Date(Date.now() - 120_000) } });
    const id = newSid("CA");
    await db.call.create({
      data: {
        id,
        tenantId: voice.tenant.id,
        direction: "OUTBOUND_API",
        status: "INITIATED",
        from: voice.number.e164,
        to: "+15005550100",
        switchId: "fs-test",
        claimedBy: deadWorker,
        claimedAt: new Date(Date.now() - 120_000),
        initiatedAt: new Date(Date.now() - 120_000),
        channelUuid: randomUUID(),
        eventSequence: 2,
      },
    });
    const w = await worker();
    const ended = await waitForFinalCall(id);
    expect(ended.status).toBe("FAILED");
    expect(ended.events.at(-1)!.data).toMatchObject({ reconciled: true });
    expect(await db.callRecord.count({ where: { callId: id } })).toBe(1);
    expect([...sim.channels.values()].some((c) => c.vars.get("irisx_call_id") === id)).toBe(false);
    await w.stop(2_000);
  });
});
