// Answering-machine detection through the worker on the simulator: the called party's audio is recorded read-only,
// tailed and analysed while the call goes on; mod_avmd (simulated) reports the beep. The labelled set
// (src/test/amd/labelled-set.ts) is dialled as far ends; the same set runs on the real switch in
// freeswitch/real-switch/amd.test.ts. Synchronous detection starts the document after the verdict, with AnsweredBy;
// AsyncAmd runs the document at once and posts the verdict to its callback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/server/db";
import { createCall } from "@/server/calls/create-call";
import { createVoiceTenant } from "@/test/call-fixtures";
import { confusionMatrix, formatMatrix, type AmdResult } from "@/test/amd/confusion-matrix";
import { labelledAmdSet, type AmdSample } from "@/test/amd/labelled-set";
import { startWebhookReceiver, type ReceiverReply } from "@/test/webhook-receiver";
import type { Simulator } from "../freeswitch/simulator/index";
import type { RunningWorker } from "./start-worker";
import { placeCall, startTestSimulator, startTestWorker, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let worker: RunningWorker;
let app: Awaited<ReturnType<typeof startWebhookReceiver>>;
const routes = new Map<string, ReceiverReply>();
const twiml = (body: string): ReceiverReply => ({ status: 200, body: `<Response>${body}</Response>`, headers: { "Content-Type": "text/xml" } });
let set: AmdSample[];

beforeAll(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  await useTempRecordingDirs();
  set = labelledAmdSet();
  app = await startWebhookReceiver((req) => routes.get(new URL(req.url, "http://x").pathname) ?? { status: 404 });
  // A quarter of real time, not the usual twentieth: the far end talks from its answer, so the worker's few real
  // milliseconds between the answer and the recording's start must stay a few simulated ones.
  sim = await startTestSimulator({ timeScale: 0.25, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
  worker = await startTestWorker(sim);
  // Each sample answers at +1500555 8NNN.
  set.forEach((sample, i) => sim.switch.setFarEndAudio(sampleNumber(i), sample.wav));
}, 120_000);

afterAll(async () => {
  await worker?.stop(5_000);
  await sim?.close();
  await app?.close();
});

const sampleNumber = (i: number) => `+15005558${String(i).padStart(3, "0")}`;
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

async function runSet(mode: "Enable" | "DetectMessageEnd", samples: AmdSample[]): Promise<AmdResult[]> {
  const voice = await createVoiceTenant({ callsPerSecond: 100, maxConcurrentCalls: 200 });
  routes.set("/answered", twiml("<Hangup/>"));
  const calls = await Promise.all(
    samples.map(async (sample) => {
      const call = await placeCall(voice.actor, { to: sampleNumber(set.indexOf(sample)), from: voice.number.e164, url: app.url("/answered"), machineDetection: mode });
      return { sample, call };
    }),
  );
  return Promise.all(
    calls.map(async ({ sample, call }) => {
      const ended = await waitForFinalCall(call.id, 60_000);
      const detected = await db.callEvent.findFirstOrThrow({ where: { callId: call.id, type: "machine_detected" } });
      const data = detected.data as { answeredBy: string; machineDetectionDurationMs: number; reason: string };
      expect(ended.answeredBy).toBe(data.answeredBy);
      return { sample, answeredBy: data.answeredBy, decidedAtMs: data.machineDetectionDurationMs, reason: data.reason };
    }),
  );
}

describe("answering-machine detection on the simulator", () => {
  it("the labelled set (Enable): every class decided as labelled, people within 2 s of their greeting's end", async () => {
    const results = await runSet("Enable", set);
    const matrix = confusionMatrix(results, "Enable");
    console.log(`[amd] simulator, MachineDetection=Enable\n${formatMatrix(matrix)}`);
    expect(matrix.humansCalledMachines / matrix.humans).toBeLessThan(0.05);
    expect(matrix.humanDecisionAfterGreetingMs.p95).toBeLessThan(2000);
    expect(matrix.accuracy).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it("DetectMessageEnd: machines are decided at their beep (mod_avmd) or the silence after their message", async () => {
    const machines = set.filter((s) => s.kind === "machine");
    const results = await runSet("DetectMessageEnd", machines);
    const matrix = confusionMatrix(results, "DetectMessageEnd");
    console.log(`[amd] simulator, MachineDetection=DetectMessageEnd (machines)\n${formatMatrix(matrix)}`);
    expect(matrix.accuracy).toBeGreaterThanOrEqual(0.9);
    // A beep ends the wait as it sounds. The verdict's time is the audio read so far plus the real milliseconds before
    // the recording started: on the simulator's scaled clock a loaded machine shifts it by a few hundred ms either way.
    for (const r of results.filter((r) => r.answeredBy === "machine_end_beep")) {
      expect(r.decidedAtMs).toBeGreaterThanOrEqual(r.sample.beepAtMs! - 500);
      expect(r.decidedAtMs).toBeLessThan(r.sample.beepAtMs! + 1000);
    }
  }, 120_000);

  it("synchronous: the document starts after the verdict, its request carries AnsweredBy", async () => {
    routes.set("/after-amd", twiml("<Say>Hello there</Say><Hangup/>"));
    const voice = await createVoiceTenant();
    const human = set.findIndex((s) => s.kind === "human");
    const call = await placeCall(voice.actor, { to: sampleNumber(human), from: voice.number.e164, url: app.url("/after-amd"), machineDetection: "Enable" });
    expect((await waitForFinalCall(call.id, 30_000)).answeredBy).toBe("human");
    const [request] = app.received.filter((r) => r.url.startsWith("/after-amd") && form(r.body).CallSid === call.id).map((r) => form(r.body));
    expect(request).toMatchObject({ AnsweredBy: "human", CallStatus: "in-progress" });
    const events = await db.callEvent.findMany({ where: { callId: call.id }, orderBy: { sequence: "asc" } });
    expect(events.map((e) => e.type)).toContain("machine_detected");
  }, 60_000);

  it("AsyncAmd: the document runs at once; the verdict is posted to AsyncAmdStatusCallback in Twilio's form, signed", async () => {
    routes.set("/async-doc", twiml('<Pause length="20"/>'));
    routes.set("/amd-result", { status: 204 });
    const voice = await createVoiceTenant();
    const machine = set.findIndex((s) => s.kind === "machine" && s.beepAtMs !== null);
    const call = await createCall(
      voice.actor,
      { to: sampleNumber(machine), from: voice.number.e164, url: app.url("/async-doc"), machineDetection: "DetectMessageEnd", asyncAmd: true, asyncAmdStatusCallback: app.url("/amd-result") },
      { surface: "twilio" },
    );
    const callback = await waitFor("the AMD callback", async () => app.received.find((r) => r.url.startsWith("/amd-result") && form(r.body).CallSid === call.id), 30_000);
    expect(form(callback.body)).toMatchObject({ CallSid: call.id, AnsweredBy: "machine_end_beep", AccountSid: voice.tenant.accountSid });
    // Decided at the beep: the simulator's beep event comes on its scaled clock while the tailed recording is read on
    // the machine's, so a loaded machine reads the beep up to a second or so early (the real switch's test has both
    // on one clock: freeswitch/real-switch/amd.test.ts).
    expect(Number(form(callback.body).MachineDetectionDuration)).toBeGreaterThan(set[machine]!.beepAtMs! - 1500);
    expect(callback.headers["x-twilio-signature"]).toBeTruthy();
    // The document was asked for at once, before any verdict: no AnsweredBy in it.
    const [doc] = app.received.filter((r) => r.url.startsWith("/async-doc") && form(r.body).CallSid === call.id).map((r) => form(r.body));
    expect(doc).toBeDefined();
    expect(doc!.AnsweredBy).toBeUndefined();
    expect((await waitForFinalCall(call.id, 30_000)).answeredBy).toBe("machine_end_beep");
  }, 60_000);
});
