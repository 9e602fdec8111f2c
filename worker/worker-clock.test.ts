// A switch whose clock is behind the database's: the call's times still run forward (start ≤ answer ≤ end in the
// API view and the CDR, events in order), and billsec is the switch's own figure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCallResource } from "@/server/calls/call-view";
import { getCall } from "@/server/calls/get-call";
import { createVoiceTenant } from "@/test/call-fixtures";
import type { Simulator } from "../freeswitch/simulator/index";
import type { RunningWorker } from "./start-worker";
import { placeCall, startTestSimulator, startTestWorker, useTempRecordingDirs, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let worker: RunningWorker;

beforeAll(async () => {
  await useTempRecordingDirs();
  // Real time (the simulated clock would otherwise outrun the offset), 8 s behind.
  sim = await startTestSimulator({ timeScale: 1, clockOffsetSeconds: -8 });
  worker = await startTestWorker(sim);
});

afterAll(async () => {
  await worker?.stop(2_000);
  await sim?.close();
});

const ms = (t: string | Date | null) => (t === null ? Number.NaN : new Date(t).getTime());

describe("a switch clock 8 s behind the database's", () => {
  it("the call's answer does not precede its start, nor its end its answer; billsec is the switch's", async () => {
    const voice = await createVoiceTenant();
    // Rings 1 s, answers, the far end hangs up 2 s later.
    const placed = await placeCall(voice.actor, { to: "+15005550102", from: voice.number.e164, instructions: [{ pause: 60 }] });
    const ended = await waitForFinalCall(placed.id, 15_000);
    expect(ended.status).toBe("COMPLETED");

    const view = toCallResource(await getCall(voice.actor, { callId: placed.id }));
    expect(ms(view.answer_time)).toBeGreaterThanOrEqual(ms(view.start_time));
    expect(ms(view.end_time)).toBeGreaterThanOrEqual(ms(view.answer_time));
    const record = ended.callRecord!;
    expect(ms(record.answeredAt)).toBeGreaterThanOrEqual(ms(record.startedAt));
    expect(ms(record.endedAt)).toBeGreaterThanOrEqual(ms(record.answeredAt));
    const times = ended.events.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The switch's end_epoch - answer_epoch: 2 s (or 3 across a second boundary), not the clamped times' difference.
    expect([2, 3]).toContain(record.billsec);
    expect(view.billsec).toBe(record.billsec);
  });
});
