// Load measurement, not part of the normal run (WORKER_LOAD=1 npx vitest run worker/worker-load.test.ts):
// 100 new calls per second for WORKER_LOAD_SECONDS (default 20) to a number that answers after 1 s and hangs up
// 10 s later, so about 1,000 calls are live at once on one worker and one simulator (real time, timeScale 1).
// Calls are written straight to the queue (as createCall leaves them) so this measures the worker, not the API.
// Prints originate lag (queued → claimed), hang-up → CDR latency, per-call queue depth, event-loop delay.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { createVoiceTenant } from "@/test/call-fixtures";
import type { Simulator } from "../freeswitch/simulator/index";
import type { RunningWorker } from "./start-worker";
import { startTestSimulator, startTestWorker, useTempRecordingDirs, waitFor } from "./test-harness";
import { createVoiceUseCases } from "./voice-use-cases";
import { logger } from "@/server/logger";

const RATE = Number(process.env.WORKER_LOAD_RATE ?? 100);
const SECONDS = Number(process.env.WORKER_LOAD_SECONDS ?? 20);
let sim: Simulator | undefined;
let worker: RunningWorker | undefined;

afterAll(async () => {
  await worker?.stop(10_000);
  await sim?.close();
});

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

describe.runIf(process.env.WORKER_LOAD === "1")("worker under load", () => {
  it(`${RATE} new calls/s for ${SECONDS} s, ~${RATE * 10} live`, async () => {
    await useTempRecordingDirs();
    sim = await startTestSimulator({ timeScale: 1, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
    const base = createVoiceUseCases({ switchRecordingsDir: env.FREESWITCH_RECORDINGS_DIR, log: logger });
    const cdrLagMs: number[] = [];
    const finalizeMs: number[] = [];
    const voice = {
      ...base,
      finalizeCall: async (input: Parameters<typeof base.finalizeCall>[0]) => {
        const started = Date.now();
        await base.finalizeCall(input);
        finalizeMs.push(Date.now() - started);
        if (!input.data?.originate) cdrLagMs.push(Date.now() - input.endedAt.getTime());
      },
    };
    worker = await startTestWorker(sim, { voice, originatePollMs: 100, maxInFlightOriginates: 500, claimBatch: 100 });
    const tenant = await createVoiceTenant({ callsPerSecond: RATE * 2, maxConcurrentCalls: RATE * 30, creditMicros: 10_000_000_000n });

    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let peakLive = 0;
    let peakQueued = 0;
    const sampler = setInterval(() => {
      peakLive = Math.max(peakLive, sim!.channels.size);
      peakQueued = Math.max(peakQueued, worker!.context.calls.pending);
    }, 100);

    const ids: string[] = [];
    const started = Date.now();
    const perTick = RATE / 10;
    for (let tick = 0; tick < SECONDS * 10; tick++) {
      const batch = Array.from({ length: perTick }, () => newSid("CA"));
      ids.push(...batch);
      const now = new Date();
      await db.call.createMany({
        data: batch.map((id) => ({ id, tenantId: tenant.tenant.id, direction: "OUTBOUND_API" as const, from: tenant.number.e164, to: "+15005550110", queuedAt: now, eventSequence: 1, statusCallbackEvents: [] })),
      });
      const next = started + (tick + 1) * 100;
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
    const offeredFor = (Date.now() - started) / 1000;
    const offerEndedAt = Date.now();
    await waitFor(
      "every call ended",
      async () => (await db.call.count({ where: { id: { in: ids }, status: { in: ["COMPLETED", "BUSY", "FAILED", "NO_ANSWER", "CANCELED"] } } })) === ids.length,
      // Generous: on a loaded machine the backlog drains well after the offer stops; the report shows how long.
      60_000 + ids.length * 100,
      500,
    );
    const drainedAfterOfferMs = Date.now() - offerEndedAt;
    clearInterval(sampler);
    loop.disable();

    const rows = await db.call.findMany({ where: { id: { in: ids } }, select: { queuedAt: true, claimedAt: true, status: true } });
    const originateLag = rows.map((r) => r.claimedAt!.getTime() - r.queuedAt.getTime());
    const records = await db.callRecord.count({ where: { callId: { in: ids } } });
    const completedEvents = await db.callEvent.count({ where: { callId: { in: ids }, type: "completed" } });
    const report = {
      calls: ids.length,
      offeredPerSecond: Math.round(ids.length / offeredFor),
      peakLiveChannels: peakLive,
      lastCallEndedAfterOfferStoppedMs: drainedAfterOfferMs,
      peakQueuedCallWork: peakQueued,
      statuses: Object.fromEntries([...new Set(rows.map((r) => r.status))].map((s) => [s, rows.filter((r) => r.status === s).length])),
      originateLagMs: { p50: pct(originateLag, 50), p95: pct(originateLag, 95), max: Math.max(...originateLag) },
      hangupToCdrMs: { p50: pct(cdrLagMs, 50), p95: pct(cdrLagMs, 95), max: Math.max(...cdrLagMs) },
      finalizeCallMs: { p50: pct(finalizeMs, 50), p95: pct(finalizeMs, 95), max: Math.max(...finalizeMs) },
      eventLoopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      callRecords: records,
      completedEvents,
    };
    console.log("WORKER_LOAD", JSON.stringify(report, null, 1));
    expect(records).toBe(ids.length);
    expect(completedEvents).toBe(ids.length);
    expect(rows.every((r) => r.status === "COMPLETED")).toBe(true);
  }, 300_000);
});
