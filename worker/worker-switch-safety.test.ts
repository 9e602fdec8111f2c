// What the real switch showed, held on the simulator too (which now does what the switch does): tenant text is
// spoken as written although the switch expands ${…}; a play URL is fetched by the worker and played from a file
// (the switch plays no http URL); a source it cannot play is recorded on the call; originates keep below the
// switch's sessions-per-second, and one the switch throttles anyway is tried again instead of failed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/server/db";
import { createVoiceTenant } from "@/test/call-fixtures";
import { buildWav } from "../freeswitch/simulator/wav";
import { startSimulator, type Simulator } from "../freeswitch/simulator/index";
import { EslClient } from "./esl/client";
import type { RunningWorker } from "./start-worker";
import { placeCall, startTestWorker, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let worker: RunningWorker;
let audio: Server;
let audioHits = 0;
let voice: Awaited<ReturnType<typeof createVoiceTenant>>;
/** What the switch executed, per call: its own event socket, as a second client. */
let tap: EslClient;
const executed: { callId: string; app: string; data: string; response: string | null }[] = [];
const executedOn = (callId: string) => executed.filter((e) => e.callId === callId);

beforeAll(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  await useTempRecordingDirs();
  audio = createServer((req, res) => {
    audioHits++;
    if (req.url === "/tone.wav") res.writeHead(200, { "Content-Type": "audio/wav", "Cache-Control": "max-age=60" }).end(buildWav(1, 1));
    else if (req.url === "/page.html") res.writeHead(200, { "Content-Type": "text/html" }).end("<html>not audio</html>");
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => audio.listen(0, "127.0.0.1", resolve));
  sim = await startSimulator({ eslPort: 0, controlPort: 0, timeScale: 0.05, recordingsDir: env.FREESWITCH_RECORDINGS_DIR, sessionsPerSecond: 10 });
  tap = new EslClient({ host: "127.0.0.1", port: sim.eslPort, password: "ClueCon", events: ["CHANNEL_EXECUTE_COMPLETE"], heartbeatTimeoutMs: 0 });
  tap.on("event", (e) => {
    const callId = e.variable("irisx_call_id");
    if (callId) executed.push({ callId, app: e.get("Application") ?? "", data: e.get("Application-Data") ?? "", response: e.get("Application-Response") ?? null });
  });
  tap.start();
  await tap.waitUntilUp(5_000);
  worker = await startTestWorker(sim, { mediaDir: `${env.FREESWITCH_RECORDINGS_DIR}/../media` });
  voice = await createVoiceTenant({ callsPerSecond: 100, maxConcurrentCalls: 100, creditMicros: 100_000_000n });
});

afterAll(async () => {
  await worker?.stop(5_000);
  await tap?.close(0);
  await sim?.close();
  await new Promise((resolve) => audio?.close(resolve));
});

const audioUrl = (path: string) => `http://127.0.0.1:${(audio.address() as AddressInfo).port}${path}`;

describe("the worker against a switch that expands, plays only files and throttles", () => {
  it("speaks ${…} and backslashes as written (what the switch executed, after its own expansion)", async () => {
    const text = "total ${system(id)} $${base_dir} \\${x} costs $5";
    const placed = await placeCall(voice.actor, { to: "+15005550105", from: voice.number.e164, instructions: [{ say: text }] });
    await waitForFinalCall(placed.id);
    const spoken = await waitFor("the speak", async () => executedOn(placed.id).find((a) => a.app === "speak"), 30_000);
    expect(spoken.data).toBe(`flite|kal|${text}`);
    // This switch throttles new sessions: on a loaded machine the call may wait its turn for a while.
  }, 60_000);

  it("plays a URL from a file the worker fetched (once, while the cache allows); a 404 and a web page are recorded as failed", async () => {
    const hitsBefore = audioHits;
    const plays = [audioUrl("/tone.wav"), audioUrl("/missing.wav"), audioUrl("/page.html"), audioUrl("/tone.wav")];
    // +15005550100 stays up until the document ends: on a loaded machine the fetches must not race the far end's hang-up.
    const placed = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: plays.map((play) => ({ play })) });
    await waitForFinalCall(placed.id);
    const played = await waitFor("both playbacks", async () => {
      const apps = executedOn(placed.id).filter((a) => a.app === "playback");
      return apps.length === 2 ? apps : null;
    });
    expect(played).toHaveLength(2);
    for (const p of played) {
      expect(p.data.startsWith("/")).toBe(true);
      expect(p.response).toBe("FILE PLAYED");
    }
    expect(audioHits - hitsBefore).toBe(3);
    // Each failure is a debugger entry (Twilio 11200, the verb at fault), and the document went on.
    const failures = await waitFor("the playback failures", async () => {
      const events = await db.callEvent.findMany({ where: { callId: placed.id, type: "debugger.error" }, orderBy: { sequence: "asc" } });
      return events.length === 2 ? events : null;
    });
    const data = failures.map((e) => e.data as { code: number; message: string; verbIndex: number; verb: string });
    expect(data.map((d) => [d.code, d.verbIndex, d.verb])).toEqual([
      [11200, 1, "play"],
      [11200, 2, "play"],
    ]);
    expect(data[0]!.message).toContain(plays[1]);
    expect(data[0]!.message).toContain("HTTP 404");
    expect(data[1]!.message).toContain("not WAV or MP3");
  });

  it("keeps originates under the switch's sessions-per-second: 30 calls at once, none throttled, none failed", async () => {
    const calls = await Promise.all(
      Array.from({ length: 30 }, () => placeCall(voice.actor, { to: "+15005550101", from: voice.number.e164, instructions: [{ pause: 1 }] })),
    );
    const ended = await Promise.all(calls.map((c) => waitForFinalCall(c.id, 30_000)));
    expect(ended.map((c) => c.status)).toEqual(calls.map(() => "COMPLETED"));
    const health = worker.health().body.handlers as Record<string, { retriedNoSession: number; originatesPerSecond: number; switchSessionsPerSecond: number }>;
    expect(health.originator).toMatchObject({ switchSessionsPerSecond: 10, originatesPerSecond: 8, retriedNoSession: 0 });
  });

  it("an originate the switch throttles anyway (its budget spent elsewhere) goes back in line, and is not failed", async () => {
    // The worker paces for 10 a second; the switch now takes 3 (as if inbound calls spent the rest).
    sim.switch.sessionRate.perSecond = 3;
    try {
      const calls = await Promise.all(
        Array.from({ length: 12 }, () => placeCall(voice.actor, { to: "+15005550101", from: voice.number.e164, instructions: [{ pause: 1 }] })),
      );
      const ended = await Promise.all(calls.map((c) => waitForFinalCall(c.id, 30_000)));
      expect(ended.map((c) => c.status)).toEqual(calls.map(() => "COMPLETED"));
      const health = worker.health().body.handlers as Record<string, { retriedNoSession: number }>;
      expect(health.originator!.retriedNoSession).toBeGreaterThan(0);
    } finally {
      sim.switch.sessionRate.perSecond = 10;
    }
  });

  it("a key pressed during a pause does not cut it short (any digit ends FreeSWITCH's sleep unless told otherwise)", async () => {
    // +15005557123: a person who presses 1, 2, 3, # one second after answering.
    const placed = await placeCall(voice.actor, { to: "+15005557123", from: voice.number.e164, instructions: [{ pause: 4 }, { hangup: true }] });
    const ended = await waitForFinalCall(placed.id, 20_000);
    expect(ended.callRecord!.billsec).toBeGreaterThanOrEqual(4);
    expect(ended.events.filter((e) => e.type === "dtmf").map((e) => (e.data as { digit: string }).digit)).toEqual(["1", "2", "3", "#"]);
  });
});
