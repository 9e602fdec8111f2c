// Twilio Media Streams through the worker on the simulator (the same behaviours on the real switch:
// freeswitch/real-switch/stream.test.ts), with the tenant's WebSocket server in the test:
// <Connect><Stream> (unicast audio both ways, marks, clear, dtmf, the server's close going on with the document),
// <Start><Stream>/<Stop><Stream> with statusCallback, and failures as debugger entries that never leave dead air.
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { decodeMulaw, encodeMulaw } from "@/lib/audio/mulaw";
import { db } from "@/server/db";
import { createVoiceTenant } from "@/test/call-fixtures";
import { power, rms, tone } from "@/test/audio-signals";
import { startMediaStreamServer, type MediaStreamServer } from "@/test/media-stream-server";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import type { Simulator } from "../freeswitch/simulator/index";
import { unicastHeard } from "../freeswitch/simulator/unicast";
import type { EslEvent } from "./esl/wire";
import type { RunningWorker } from "./start-worker";
import type { SwitchConnection } from "./switch-port";
import { placeCall, startTestSimulator, startTestWorker, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let worker: RunningWorker;
let streams: MediaStreamServer;
let callbacks: Awaited<ReturnType<typeof startWebhookReceiver>>;
/** The tenant's application: TwiML by path. */
let app: Awaited<ReturnType<typeof startWebhookReceiver>>;
const documents = new Map<string, string>();
const seen: EslEvent[] = [];

const mediaMessage = (pcm: Int16Array) => JSON.stringify({ event: "media", streamSid: "x", media: { payload: encodeMulaw(pcm).toString("base64") } });

beforeAll(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  await useTempRecordingDirs();
  callbacks = await startWebhookReceiver(() => ({ status: 204 }));
  app = await startWebhookReceiver((req) => {
    const body = documents.get(new URL(req.url, "http://x").pathname);
    return body ? { status: 200, body, headers: { "Content-Type": "text/xml" } } : { status: 404 };
  });
  sim = await startTestSimulator({ timeScale: 0.05, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
  worker = await startTestWorker(sim);
  (worker.context.esl as SwitchConnection).onEvent((e) => seen.push(e));
  streams = await startMediaStreamServer();
});

afterAll(async () => {
  await worker?.stop(5_000);
  await sim?.close();
  await callbacks?.close();
  await app?.close();
  await streams?.close();
});

const spokenOn = (callId: string) => seen.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === callId && e.get("Application") === "speak").map((e) => (e.get("Application-Data") ?? "").split("|")[2] ?? "");
const uuidOf = (callId: () => string) => waitFor("the call's channel", async () => seen.find((e) => callId() !== "" && e.variable("irisx_call_id") === callId())?.get("Unique-ID"));
const statusEvents = (path: string, callId: string) =>
  callbacks.received.filter((r) => r.url.startsWith(path)).map((r) => Object.fromEntries(new URLSearchParams(r.body))).filter((p) => p.CallSid === callId);

describe("media streams on the simulator", () => {
  it("<Connect><Stream>: the far end's audio goes out as media, the server's audio is heard, marks and dtmf come back, the close goes on", async () => {
    const voice = await createVoiceTenant();
    let callId = "";
    streams.onStart.set("/bot", (ws, messages) => {
      void (async () => {
        const uuid = await uuidOf(() => callId);
        await waitFor("some of the caller's audio", async () => messages.filter((m) => m.event === "media").length >= 20, 10_000, 10);
        ws.send(mediaMessage(tone(0.6, 1000)));
        ws.send(JSON.stringify({ event: "mark", streamSid: "x", mark: { name: "greeting" } }));
        await waitFor("the greeting's mark", async () => messages.some((m) => m.event === "mark"), 10_000, 10);
        // Audio then clear: the queued audio is dropped and its mark comes back at once.
        ws.send(mediaMessage(tone(5, 1000)));
        ws.send(JSON.stringify({ event: "mark", streamSid: "x", mark: { name: "long" } }));
        ws.send(JSON.stringify({ event: "clear", streamSid: "x" }));
        await waitFor("the cleared mark", async () => messages.filter((m) => m.event === "mark").length === 2, 2_000, 10);
        sim.switch.pressDigits(sim.switch.channels.get(uuid)!, "5");
        await waitFor("the key", async () => messages.some((m) => m.event === "dtmf"), 5_000, 10);
        ws.close();
      })();
    });
    const call = await placeCall(voice.actor, {
      to: "+15005550100",
      from: voice.number.e164,
      instructions: [{ connect: { stream: `${streams.url}/bot`, parameters: { tenant: "acme" }, statusCallback: callbacks.url("/connect-status") } }, { say: "Back in the document" }, { hangup: true }],
    });
    callId = call.id;
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    const messages = streams.received.get("/bot")!;
    expect(messages[0]).toEqual({ event: "connected", protocol: "Call", version: "1.0.0" });
    expect(messages[1]).toMatchObject({
      event: "start",
      sequenceNumber: "1",
      start: { callSid: call.id, accountSid: expect.stringMatching(/^AC[0-9a-f]{32}$/), tracks: ["inbound"], customParameters: { tenant: "acme" }, mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 } },
    });
    const streamSid = messages[1]!.streamSid!;
    expect(messages.slice(1).every((m, i) => m.streamSid === streamSid && m.sequenceNumber === String(i + 1))).toBe(true);
    const media = messages.filter((m) => m.event === "media").map((m) => m.media!);
    expect(media.every((m, i) => m.track === "inbound" && m.chunk === String(i + 1) && Buffer.from(m.payload, "base64").length === 160)).toBe(true);
    // The far end's line noise, not digital silence.
    expect(rms(decodeMulaw(Buffer.concat(media.map((m) => Buffer.from(m.payload, "base64")))))).toBeGreaterThan(5);
    expect(messages.filter((m) => m.event === "mark").map((m) => m.mark!.name)).toEqual(["greeting", "long"]);
    expect(messages.find((m) => m.event === "dtmf")).toMatchObject({ dtmf: { track: "inbound_track", digit: "5" } });
    // The far end heard the greeting's 0.6 s of 1 kHz, and not the cleared 5 s.
    const heard = unicastHeard(await uuidOf(() => call.id));
    expect(heard.length).toBeGreaterThanOrEqual(0.6 * 8000);
    expect(heard.length).toBeLessThan(2 * 8000);
    expect(power(heard, 1000)).toBeGreaterThan(1e6);
    expect(spokenOn(call.id)).toEqual(["Back in the document"]);
    const events = await waitFor("the callbacks", async () => (statusEvents("/connect-status", call.id).length >= 2 ? statusEvents("/connect-status", call.id) : null));
    expect(events.map((e) => e.StreamEvent)).toEqual(["stream-started", "stream-stopped"]);
    expect(events[0]).toMatchObject({ StreamSid: streamSid, AccountSid: expect.stringMatching(/^AC[0-9a-f]{32}$/) });
  });

  it("<Connect action>: the close posts to the action, whose answer runs", async () => {
    streams.onStart.set("/short", (ws) => setTimeout(() => ws.close(), 200));
    documents.set("/connect", `<Response><Connect action="/after"><Stream url="${streams.url}/short"/></Connect><Say>not reached</Say></Response>`);
    documents.set("/after", "<Response><Say>From the action</Say><Hangup/></Response>");
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/connect") });
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    expect(app.received.filter((r) => new URLSearchParams(r.body).get("CallSid") === call.id).map((r) => r.url)).toEqual(["/connect", "/after"]);
    expect(spokenOn(call.id)).toEqual(["From the action"]);
  });

  it("a stream that cannot start is a debugger entry with Twilio's code and the document goes on (no dead air)", async () => {
    const http = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    try {
      const voice = await createVoiceTenant();
      const notWs = `ws://127.0.0.1:${(http.address() as { port: number }).port}/nope`;
      const call = await placeCall(voice.actor, {
        to: "+15005550100",
        from: voice.number.e164,
        instructions: [
          { connect: { stream: notWs, statusCallback: callbacks.url("/failed-status") } },
          { start: { stream: "wss://10.1.2.3/private" } },
          { say: "Still here" },
          { hangup: true },
        ],
      });
      expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
      const entries = await db.callEvent.findMany({ where: { callId: call.id, type: "debugger.error" }, orderBy: { sequence: "asc" } });
      expect(entries.map((e) => (e.data as { code: number }).code)).toEqual([31920, 31902]);
      expect((entries[1]!.data as { message: string }).message).toMatch(/10\.1\.2\.3.*private/);
      expect(spokenOn(call.id)).toEqual(["Still here"]);
      const [failed] = await waitFor("the error callback", async () => (statusEvents("/failed-status", call.id).length ? statusEvents("/failed-status", call.id) : null));
      expect(failed).toMatchObject({ StreamEvent: "stream-error", StreamError: expect.stringContaining("HTTP 404") });
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it("<Start><Stream>: the caller's track streams while the document goes on, <Stop><Stream name> ends it with stop", async () => {
    const voice = await createVoiceTenant();
    documents.set("/fork", `<Response><Start><Stream name="listen" url="${streams.url}/fork" statusCallback="${callbacks.url("/fork-status")}"><Parameter name="agent" value="7"/></Stream></Start><Pause length="3"/><Stop><Stream name="listen"/></Stop><Say>Stopped</Say><Hangup/></Response>`);
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/fork") });
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    const messages = await waitFor("the stop", async () => (streams.received.get("/fork")?.some((m) => m.event === "stop") ? streams.received.get("/fork") : null));
    expect(messages[1]).toMatchObject({ event: "start", start: { tracks: ["inbound"], customParameters: { agent: "7" }, callSid: call.id } });
    const media = messages.filter((m) => m.event === "media").map((m) => m.media!);
    // About three simulated seconds of the caller, 20 ms a message, timestamps the audio's own time.
    expect(media.length).toBeGreaterThan(50);
    expect(media.every((m, i) => m.track === "inbound" && m.timestamp === String(i * 20))).toBe(true);
    expect(messages.at(-1)).toMatchObject({ event: "stop", stop: { callSid: call.id, accountSid: expect.stringMatching(/^AC[0-9a-f]{32}$/) } });
    expect(spokenOn(call.id)).toEqual(["Stopped"]);
    const events = await waitFor("the callbacks", async () => (statusEvents("/fork-status", call.id).length >= 2 ? statusEvents("/fork-status", call.id) : null));
    expect(events.map((e) => [e.StreamEvent, e.StreamName])).toEqual([["stream-started", "listen"], ["stream-stopped", "listen"]]);
  });

  it("a stream still open when the call ends gets its stop", async () => {
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550120", from: voice.number.e164, instructions: [{ connect: { stream: `${streams.url}/hangup` } }] });
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    const messages = await waitFor("the stop", async () => (streams.received.get("/hangup")?.some((m) => m.event === "stop") ? streams.received.get("/hangup") : null));
    expect(messages.at(-1)).toMatchObject({ event: "stop", stop: { callSid: call.id } });
  });
  it("a second <Connect><Stream> in the call is refused with a debugger entry (the switch would forward no audio to it)", async () => {
    streams.onStart.set("/once", (ws) => setTimeout(() => ws.close(), 100));
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, {
      to: "+15005550100",
      from: voice.number.e164,
      instructions: [{ connect: { stream: `${streams.url}/once` } }, { say: "Between" }, { connect: { stream: `${streams.url}/twice` } }, { say: "After" }, { hangup: true }],
    });
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    expect(streams.received.has("/twice")).toBe(false);
    const entries = await db.callEvent.findMany({ where: { callId: call.id, type: "debugger.error" } });
    expect(entries.map((e) => (e.data as { code: number; message: string }).message)).toEqual([expect.stringContaining("only one bidirectional stream per call")]);
    expect(spokenOn(call.id)).toEqual(["Between", "After"]);
  });
  it("a worker killed during <Connect><Stream>: its successor ends the stream with a debugger entry and goes on with the document", async () => {
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ connect: { stream: `${streams.url}/restart` } }, { say: "After the restart" }, { hangup: true }] });
    await waitFor("the stream's stored state", async () => {
      const row = await db.call.findUniqueOrThrow({ where: { id: call.id } });
      return (row.voiceSession as { running?: { kind: string } } | null)?.running?.kind === "stream";
    });
    await worker.kill();
    worker = await startTestWorker(sim);
    (worker.context.esl as SwitchConnection).onEvent((e) => seen.push(e));
    expect((await waitForFinalCall(call.id, 15_000)).status).toBe("COMPLETED");
    const entries = await db.callEvent.findMany({ where: { callId: call.id, type: "debugger.error" } });
    expect(entries.map((e) => (e.data as { code: number }).code)).toEqual([12400]);
    expect(spokenOn(call.id)).toEqual(["After the restart"]);
  });
});
