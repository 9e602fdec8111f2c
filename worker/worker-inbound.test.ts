// Inbound calls and recordings end to end: a known DID runs its voice URL's answer (TwiML or JSON, fetched with
// a valid X-Twilio-Signature) and gets a CallRecord; an unknown DID is refused with UNALLOCATED_NUMBER; a
// recorded call yields a completed Recording whose stored bytes decrypt to a valid WAV.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { getTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { signTwilioRequest } from "@/server/calls/callbacks/sign-twilio-request";
import { db } from "@/server/db";
import { readRecordingRange } from "@/server/recordings/read-recording-range";
import { createVoiceTenant } from "@/test/call-fixtures";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import type { Simulator } from "../freeswitch/simulator/index";
import type { EslEvent } from "./esl/wire";
import type { RunningWorker } from "./start-worker";
import type { SwitchConnection } from "./switch-port";
import { placeCall, startTestSimulator, startTestWorker, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let worker: RunningWorker;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const seen: EslEvent[] = [];
let answer = '<?xml version="1.0"?><Response><Say voice="alice">Welcome to IRISX</Say><Pause length="1"/><Hangup/></Response>';

beforeAll(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  await useTempRecordingDirs();
  receiver = await startWebhookReceiver(() => ({ status: 200, body: answer, headers: { "Content-Type": "text/xml" } }));
  sim = await startTestSimulator({ timeScale: 0.05, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
  worker = await startTestWorker(sim);
  (worker.context.esl as SwitchConnection).onEvent((e) => seen.push(e));
});

afterAll(async () => {
  await worker?.stop(5_000);
  await sim?.close();
  await receiver?.close();
});

function appsRunOn(uuid: string): string[] {
  return seen.filter((e) => e.uniqueId === uuid && e.name === "CHANNEL_EXECUTE_COMPLETE").map((e) => `${e.get("Application")} ${e.get("Application-Data") ?? ""}`.trim());
}

describe("inbound calls", () => {
  it("a call to a known DID fetches its voice URL (signed), runs the TwiML and is recorded as a CDR", async () => {
    const voice = await createVoiceTenant({ voiceUrl: receiver.url("/voice") });
    const uuid = sim.injectInbound({ from: "+14155550123", to: voice.number.e164.slice(1) });
    const call = await waitFor("the inbound call row", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect(call.direction).toBe("INBOUND");
    expect(call.to).toBe(voice.number.e164);
    const ended = await waitForFinalCall(call.id);
    expect(ended.status).toBe("COMPLETED");
    expect(ended.callRecord!.direction).toBe("INBOUND");
    expect(ended.answeredAt).not.toBeNull();

    const request = receiver.received.find((r) => r.url === "/voice")!;
    const params = Object.fromEntries(new URLSearchParams(request.body));
    expect(params).toMatchObject({ CallSid: call.id, From: "+14155550123", To: voice.number.e164, CallStatus: "in-progress", Direction: "inbound", ApiVersion: "2010-04-01" });
    expect(params.AccountSid).toMatch(/^AC[0-9a-f]{32}$/);
    const token = await getTenantAuthToken(voice.tenant.id);
    expect(request.headers["x-twilio-signature"]).toBe(signTwilioRequest(token, receiver.url("/voice"), params));

    const apps = appsRunOn(uuid);
    expect(apps).toEqual(expect.arrayContaining(["speak flite|slt|Welcome to IRISX", "sleep 1000", "hangup NORMAL_CLEARING"]));
  });

  it("an inbound call ended through the API (Status=completed) is hung up on the switch at once", async () => {
    answer = '<Response><Say>Please hold</Say><Pause length="600"/></Response>';
    const voice = await createVoiceTenant({ voiceUrl: receiver.url("/hold") });
    const uuid = sim.injectInbound({ from: "+14155550126", to: voice.number.e164 });
    const call = await waitFor("the call in progress", () => db.call.findFirst({ where: { channelUuid: uuid, status: "IN_PROGRESS" } }));
    await waitFor("the long pause", async () => seen.some((e) => e.uniqueId === uuid && e.name === "CHANNEL_EXECUTE_COMPLETE" && e.get("Application") === "speak"));
    const { updateCall } = await import("@/server/calls/update-call");
    await updateCall(voice.actor, { callId: call.id, status: "completed" });
    const ended = await waitForFinalCall(call.id, 10_000);
    expect(ended.status).toBe("COMPLETED");
    expect(ended.billsec).toBeLessThan(60);
  });

  it("a JSON answer works too, and a broken answer gets an apology and a hang-up", async () => {
    answer = JSON.stringify({ instructions: [{ say: "json hello" }, { hangup: true }] });
    const voice = await createVoiceTenant({ voiceUrl: receiver.url("/json") });
    const ok = sim.injectInbound({ from: "+14155550124", to: voice.number.e164 });
    const okCall = await waitFor("call", () => db.call.findUnique({ where: { channelUuid: ok } }));
    await waitForFinalCall(okCall.id);
    expect(appsRunOn(ok)).toContain("speak flite|kal|json hello");

    answer = '<Response>\n  <Say>hi</Say>\n  <Play loop="many">https://example.com/a.mp3</Play>\n</Response>';
    const bad = sim.injectInbound({ from: "+14155550125", to: voice.number.e164 });
    const badCall = await waitFor("call", () => db.call.findUnique({ where: { channelUuid: bad } }));
    await waitForFinalCall(badCall.id);
    expect(appsRunOn(bad).some((a) => a.startsWith("speak flite|kal|We are sorry"))).toBe(true);
    expect(appsRunOn(bad)).not.toContain("speak flite|kal|hi");
    expect(appsRunOn(bad)).toContain("hangup NORMAL_CLEARING");
    // The debugger entry names Twilio's code, the line, the verb and the attribute at fault.
    const entry = await waitFor("debugger entry", () => db.callEvent.findFirst({ where: { callId: badCall.id, type: "debugger.error" } }));
    expect(entry.data).toMatchObject({ line: 3, verb: "Play", attribute: "loop", source: "document", url: receiver.url("/json") });
    expect((entry.data as { code: number }).code).toBeGreaterThan(12000);
  });

  it("a number whose voice method is GET is fetched with the parameters in the query string, signed as the full URL", async () => {
    answer = JSON.stringify({ instructions: [{ say: "by get" }] });
    const voice = await createVoiceTenant({ voiceUrl: receiver.url("/get-voice") });
    await db.phoneNumber.update({ where: { id: voice.number.id }, data: { voiceMethod: "GET" } });
    const uuid = sim.injectInbound({ from: "+14155550127", to: voice.number.e164 });
    const call = await waitFor("call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    await waitForFinalCall(call.id);
    const request = receiver.received.find((r) => r.url.startsWith("/get-voice?"))!;
    expect(request.method).toBe("GET");
    const full = `http://127.0.0.1:${receiver.port}${request.url}`;
    expect(new URL(full).searchParams.get("CallSid")).toBe(call.id);
    expect(request.headers["x-twilio-signature"]).toBe(signTwilioRequest(await getTenantAuthToken(voice.tenant.id), full, {}));
    expect(appsRunOn(uuid)).toContain("speak flite|kal|by get");
  });

  it("a caller id that is not a phone number is stored and sent as received; a national number becomes E.164", async () => {
    answer = JSON.stringify({ instructions: [{ hangup: true }] });
    const voice = await createVoiceTenant({ voiceUrl: receiver.url("/caller-ids") });
    const stored: Record<string, string> = {};
    for (const from of ["5551000", "anonymous", "alice", "4155550188"]) {
      const uuid = sim.injectInbound({ from, to: voice.number.e164 });
      const call = await waitFor("call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
      await waitForFinalCall(call.id);
      stored[from] = call.from;
      const request = receiver.received.find((r) => r.url === "/caller-ids" && new URLSearchParams(r.body).get("CallSid") === call.id)!;
      expect(new URLSearchParams(request.body).get("From")).toBe(call.from);
    }
    expect(stored).toEqual({ "5551000": "5551000", anonymous: "anonymous", alice: "alice", "4155550188": "+14155550188" });
  });

  it("a call to an unknown DID is refused with UNALLOCATED_NUMBER and leaves no call", async () => {
    const uuid = sim.injectInbound({ from: "+14155550126", to: "+19995550000" });
    const hangup = await waitFor("the hang-up", async () => seen.find((e) => e.uniqueId === uuid && e.name === "CHANNEL_HANGUP_COMPLETE"));
    expect(hangup.get("Hangup-Cause")).toBe("UNALLOCATED_NUMBER");
    expect(await db.call.count({ where: { channelUuid: uuid } })).toBe(0);
  });
});

describe("recordings", () => {
  it("record: true gives a completed Recording whose stored bytes decrypt to a stereo WAV", async () => {
    const voice = await createVoiceTenant({ callsPerSecond: 10 });
    const placed = await placeCall(voice.actor, { to: "+15005550140", from: voice.number.e164, instructions: [{ pause: 60 }], record: true });
    const ended = await waitForFinalCall(placed.id, 15_000);
    expect(ended.status).toBe("COMPLETED");
    const recording = await waitFor("the recording completed", () => db.recording.findFirst({ where: { callId: placed.id, status: "COMPLETED" } }));
    expect(recording.channels).toBe(2);
    expect(recording.durationSeconds).toBeGreaterThan(0);
    const media = await readRecordingRange(voice.actor, recording.id, null);
    const chunks: Buffer[] = [];
    for await (const c of media.body!) chunks.push(c as Buffer);
    const wav = Buffer.concat(chunks);
    expect(wav.subarray(0, 4).toString("ascii")).toBe("RIFF");
    expect(wav.subarray(8, 12).toString("ascii")).toBe("WAVE");
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(BigInt(wav.length)).toBe(recording.sizeBytes);
  });
});
