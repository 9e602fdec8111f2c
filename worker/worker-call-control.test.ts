// The verb interpreter on the simulator (the same behaviours are proven on the real switch by
// freeswitch/real-switch/call-control.test.ts): gather with keys and with none, record to an action, a chain of
// documents fetched from actions, a live redirect, the state stored per decision, and a worker killed mid-gather
// whose successor resumes the call (the gather starts again) instead of leaving dead air.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { redirectCall } from "@/server/calls/redirect-call";
import { createVoicemailBox } from "@/server/voicemail/create-voicemail-box";
import { assignFlowToNumbers } from "@/server/ivr-flows/assign-flow-to-numbers";
import { createFlow } from "@/server/ivr-flows/create-flow";
import { publishFlow } from "@/server/ivr-flows/publish-flow";
import { saveFlowDraft } from "@/server/ivr-flows/save-flow-draft";
import type { FlowGraphInput } from "@/lib/ivr-flows/flow-graph";
import { db } from "@/server/db";
import { createSipUser } from "@/server/sip/create-sip-user";
import { createVoiceTenant } from "@/test/call-fixtures";
import { startDeepgramStandIn } from "@/test/speech-standins/deepgram-stand-in";
import { startOpenAiStandIn } from "@/test/speech-standins/openai-stand-in";
import { startWebhookReceiver, type ReceiverReply } from "@/test/webhook-receiver";
import type { Simulator } from "../freeswitch/simulator/index";
import type { EslEvent } from "./esl/wire";
import type { RunningWorker } from "./start-worker";
import type { SwitchConnection } from "./switch-port";
import { placeCall, startTestSimulator, startTestWorker, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let worker: RunningWorker;
let app: Awaited<ReturnType<typeof startWebhookReceiver>>;
const routes = new Map<string, ReceiverReply>();
const seen: EslEvent[] = [];
const twiml = (body: string): ReceiverReply => ({ status: 200, body: `<Response>${body}</Response>`, headers: { "Content-Type": "text/xml" } });

beforeAll(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  await useTempRecordingDirs();
  app = await startWebhookReceiver((req) => routes.get(new URL(req.url, "http://x").pathname) ?? { status: 404 });
  sim = await startTestSimulator({ timeScale: 0.05, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
  worker = await watchedWorker();
});

afterAll(async () => {
  await worker?.stop(5_000);
  await sim?.close();
  await app?.close();
});

async function watchedWorker(): Promise<RunningWorker> {
  const w = await startTestWorker(sim);
  (w.context.esl as SwitchConnection).onEvent((e) => seen.push(e));
  return w;
}

const requestsTo = (path: string, callId: string) =>
  app.received.filter((r) => r.url.startsWith(path) && new URLSearchParams(r.body).get("CallSid") === callId).map((r) => Object.fromEntries(new URLSearchParams(r.body)));

function spokenOn(callId: string, from = 0): string[] {
  return seen.slice(from).filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === callId && e.get("Application") === "speak").map((e) => (e.get("Application-Data") ?? "").split("|")[2] ?? "");
}

describe("call control on the simulator", () => {
  it("gather: the caller's keys up to finishOnKey reach the action, whose answer runs", async () => {
    routes.set("/menu", twiml('<Gather finishOnKey="#" timeout="10" action="/chosen"><Say>Enter your account number</Say></Gather><Say>No input</Say>'));
    routes.set("/chosen", twiml("<Say>Thank you</Say><Hangup/>"));
    const voice = await createVoiceTenant({ voiceUrl: app.url("/menu") });
    // The caller presses 123# forty simulated seconds (two real ones) after the answer.
    const uuid = sim.switch.injectInbound({ from: "+14155550160", to: voice.number.e164, digits: "123#", digitsAfterSeconds: 40 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    expect(requestsTo("/chosen", call.id)).toEqual([expect.objectContaining({ Digits: "123", FinishedOnKey: "#", CallStatus: "in-progress", Direction: "inbound" })]);
    expect(spokenOn(call.id)).toEqual(["Enter your account number", "Thank you"]);
    // Each decision was stored, and the state is cleared once the document ended.
    expect((await db.call.findUniqueOrThrow({ where: { id: call.id } })).voiceSession).toBeNull();
  });

  it("gather without input goes on with the next verb; actionOnEmptyResult posts an empty Digits", async () => {
    routes.set("/quiet", twiml('<Gather timeout="1" numDigits="1"><Say>Press a key</Say></Gather><Gather timeout="1" action="/empty" actionOnEmptyResult="true"/>'));
    routes.set("/empty", twiml("<Hangup/>"));
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/quiet") });
    expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
    expect(requestsTo("/empty", call.id)).toEqual([expect.objectContaining({ Digits: "", FinishedOnKey: "" })]);
  });

  it("record: a recording of maxLength is completed and posted to the action with its sid, URL and duration", async () => {
    routes.set("/record", { status: 200, body: JSON.stringify([{ record: true, maxLength: 2, timeout: 0, playBeep: false, action: app.url("/recorded") }]), headers: { "Content-Type": "application/json" } });
    routes.set("/recorded", { status: 200, body: JSON.stringify([{ say: "Got it" }, { hangup: true }]), headers: { "Content-Type": "application/json" } });
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/record") });
    expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
    const [posted] = requestsTo("/recorded", call.id);
    // The switch compares the limit in whole seconds: a 2-second limit records 2 to 3 seconds.
    expect(Number(posted!.RecordingDuration)).toBeGreaterThanOrEqual(2);
    expect(Number(posted!.RecordingDuration)).toBeLessThanOrEqual(3);
    expect(posted!.RecordingUrl).toBe(`${env.APP_URL.replace(/\/+$/, "")}/api/v1/recordings/${posted!.RecordingSid}/media`);
    expect(await db.recording.findUniqueOrThrow({ where: { id: posted!.RecordingSid! } })).toMatchObject({ callId: call.id, status: "COMPLETED", channels: 1 });
    expect(spokenOn(call.id)).toEqual(["Got it"]);
  });

  it("dial: the caller is bridged to a child call with its own record; a busy number posts busy and the document goes on", async () => {
    routes.set("/dial", twiml('<Dial action="/dialed" timeout="10"><Number>+15005550103</Number></Dial>'));
    routes.set("/dialed", twiml('<Dial action="/busy"><Number>+15005550200</Number></Dial>'));
    routes.set("/busy", twiml("<Say>Both done</Say><Hangup/>"));
    const voice = await createVoiceTenant({ voiceUrl: app.url("/dial") });
    const uuid = sim.switch.injectInbound({ from: "+14155550161", to: voice.number.e164 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    const [answered] = requestsTo("/dialed", call.id);
    expect(answered).toMatchObject({ DialCallStatus: "completed", DialBridged: "true" });
    expect(Number(answered!.DialCallDuration)).toBeGreaterThanOrEqual(2);
    const child = await waitForFinalCall(answered!.DialCallSid!);
    expect(child).toMatchObject({ parentCallId: call.id, direction: "OUTBOUND_DIAL", status: "COMPLETED", to: "+15005550103" });
    expect(child.callRecord).not.toBeNull();
    expect(requestsTo("/busy", call.id)).toEqual([expect.objectContaining({ DialCallStatus: "busy", DialBridged: "false" })]);
    expect(spokenOn(call.id)).toEqual(["Both done"]);
  });

  it("dial: a <Number statusCallback> gets the leg's own initiated, ringing, answered and completed, with ParentCallSid", async () => {
    routes.set("/leg-events", { status: 204 });
    routes.set(
      "/dial-events",
      twiml('<Dial><Number statusCallback="/leg-events" statusCallbackEvent="initiated ringing answered completed">+15005550103</Number></Dial><Hangup/>'),
    );
    const voice = await createVoiceTenant({ voiceUrl: app.url("/dial-events") });
    const uuid = sim.switch.injectInbound({ from: "+14155550162", to: voice.number.e164 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    const leg = await waitFor("the leg", () => db.call.findFirst({ where: { parentCallId: call.id } }));
    await waitForFinalCall(leg.id);
    const events = await waitFor("the leg's four callbacks", async () => {
      const got = app.received.filter((r) => r.url.startsWith("/leg-events")).map((r) => Object.fromEntries(new URLSearchParams(r.body))).filter((p) => p.CallSid === leg.id);
      return got.length >= 4 ? got : null;
    });
    expect(events.map((e) => e.CallStatus)).toEqual(["initiated", "ringing", "in-progress", "completed"]);
    for (const e of events) expect(e).toMatchObject({ ParentCallSid: call.id, Direction: "outbound-dial", To: "+15005550103" });
    // The parent's own callbacks are not sent there.
    expect(app.received.some((r) => r.url.startsWith("/leg-events") && new URLSearchParams(r.body).get("CallSid") === call.id)).toBe(false);
  });

  it("dial record: -dual keeps each side on its own channel, recordingTrack one side only; recordingStatusCallback hears completed", async () => {
    routes.set("/dial-rec", twiml('<Dial action="/rec-one" record="record-from-answer-dual" recordingStatusCallback="/dial-rec-status"><Number>+15005550103</Number></Dial>'));
    routes.set("/rec-one", twiml('<Dial action="/rec-two" record="record-from-ringing" recordingTrack="inbound" trim="trim-silence"><Number>+15005550102</Number></Dial>'));
    routes.set("/rec-two", twiml('<Dial timeout="2" action="/rec-three"><Number>+15005550300</Number></Dial>'));
    routes.set("/rec-three", twiml("<Hangup/>"));
    routes.set("/dial-rec-status", { status: 204 });
    const voice = await createVoiceTenant({ voiceUrl: app.url("/dial-rec") });
    const uuid = sim.switch.injectInbound({ from: "+14155550166", to: voice.number.e164 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    const [one] = requestsTo("/rec-one", call.id);
    const [two] = requestsTo("/rec-two", call.id);
    expect(await db.recording.findUniqueOrThrow({ where: { id: one!.RecordingSid! } })).toMatchObject({ channels: 2, status: "COMPLETED" });
    expect(await db.recording.findUniqueOrThrow({ where: { id: two!.RecordingSid! } })).toMatchObject({ channels: 1, status: "COMPLETED" });
    const status = await waitFor("the recording status callback", async () => requestsTo("/dial-rec-status", call.id)[0] ?? null);
    expect(status).toMatchObject({ RecordingSid: one!.RecordingSid, RecordingStatus: "completed", RecordingChannels: "2", RecordingSource: "DialVerb" });
    // A dial that rang out its timeout is no-answer (its leg ended ALLOTTED_TIMEOUT).
    expect(requestsTo("/rec-three", call.id)).toEqual([expect.objectContaining({ DialCallStatus: "no-answer" })]);
    // Nothing of it was left unhonoured.
    expect(await db.callEvent.count({ where: { callId: call.id, type: "debugger.error" } })).toBe(0);
  });

  it("dial with a whisper: <Number url> runs on the called party once it answers (CallSid, ParentCallSid), then the two are bridged", async () => {
    // The called party stays a simulated minute (three real seconds), however slow the machine is to run the whisper.
    routes.set("/dial-whisper", twiml('<Dial action="/whispered"><Number url="/whisper">+15005550160</Number></Dial>'));
    routes.set("/whisper", twiml("<Say>A call from the sales line</Say>"));
    routes.set("/whispered", twiml("<Hangup/>"));
    const voice = await createVoiceTenant({ voiceUrl: app.url("/dial-whisper") });
    const uuid = sim.switch.injectInbound({ from: "+14155550163", to: voice.number.e164 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    const leg = await waitFor("the leg", () => db.call.findFirst({ where: { parentCallId: call.id } }));
    const [whisper] = requestsTo("/whisper", leg.id);
    expect(whisper).toMatchObject({ ParentCallSid: call.id, Direction: "outbound-dial", CallStatus: "in-progress", To: "+15005550160" });
    expect(spokenOn(leg.id)).toEqual(["A call from the sales line"]);
    expect(requestsTo("/whispered", call.id)).toEqual([expect.objectContaining({ DialCallStatus: "completed", DialBridged: "true", DialCallSid: leg.id })]);
    // The caller heard nothing of it.
    expect(spokenOn(call.id)).toEqual([]);
    // The bridge came after the whisper.
    const spokeAt = seen.findIndex((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.uniqueId === leg.channelUuid && e.get("Application") === "speak");
    const bridgedAt = seen.findIndex((e) => e.name === "CHANNEL_BRIDGE" && e.uniqueId === call.channelUuid);
    expect(spokeAt).toBeGreaterThanOrEqual(0);
    expect(bridgedAt).toBeGreaterThan(spokeAt);
  });

  it("dial with a screening that declines: the called party's <Hangup> leaves the caller's dial no-answer and the document goes on", async () => {
    routes.set("/dial-screen", twiml('<Dial action="/screened" timeout="20"><Number url="/screen" method="GET">+15005550100</Number></Dial>'));
    routes.set("/screen", twiml('<Gather numDigits="1" timeout="1"><Say>Press 1 to take the call</Say></Gather><Hangup/>'));
    routes.set("/screened", twiml("<Say>Nobody took it</Say><Hangup/>"));
    const voice = await createVoiceTenant({ voiceUrl: app.url("/dial-screen") });
    const uuid = sim.switch.injectInbound({ from: "+14155550164", to: voice.number.e164 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    const leg = await waitForFinalCall((await waitFor("the leg", () => db.call.findFirst({ where: { parentCallId: call.id } }))).id);
    expect(app.received.some((r) => r.url.startsWith("/screen?") && new URL(r.url, "http://x").searchParams.get("CallSid") === leg.id)).toBe(true);
    expect(requestsTo("/screened", call.id)).toEqual([expect.objectContaining({ DialCallStatus: "no-answer", DialBridged: "false" })]);
    expect(spokenOn(call.id)).toEqual(["Nobody took it"]);
    expect(spokenOn(leg.id)).toEqual(["Press 1 to take the call"]);
    expect(seen.some((e) => e.name === "CHANNEL_BRIDGE" && e.uniqueId === call.channelUuid)).toBe(false);
  });

  it("dial with machineDetection: the leg's verdict comes first and its whisper is asked with AnsweredBy", async () => {
    routes.set("/dial-amd", twiml('<Dial action="/amd-dialed"><Number machineDetection="Enable" machineDetectionTimeout="3" url="/amd-whisper">+15005550160</Number></Dial>'));
    routes.set("/amd-whisper", twiml("<Say>Screened</Say>"));
    routes.set("/amd-dialed", twiml("<Hangup/>"));
    const voice = await createVoiceTenant({ voiceUrl: app.url("/dial-amd") });
    const uuid = sim.switch.injectInbound({ from: "+14155550165", to: voice.number.e164 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect((await waitForFinalCall(call.id, 30_000)).status).toBe("COMPLETED");
    const leg = await waitForFinalCall((await waitFor("the leg", () => db.call.findFirst({ where: { parentCallId: call.id } }))).id);
    expect(leg.answeredBy).toMatch(/^(human|unknown|machine_start|machine_end_\w+|fax)$/);
    const [whisper] = requestsTo("/amd-whisper", leg.id);
    expect(whisper).toMatchObject({ AnsweredBy: leg.answeredBy, ParentCallSid: call.id });
    expect((await db.callEvent.findMany({ where: { callId: leg.id } })).map((e) => e.type)).toContain("machine_detected");
  });

  it("dial a client: the account's SIP user rings where it registered (sofia_contact) with the <Parameter>s as X- headers; an unknown identity rings nowhere", async () => {
    routes.set("/dial-client", twiml('<Dial action="/client-dialed"><Client><Identity>Alice</Identity><Parameter name="Team" value="sales"/></Client></Dial>'));
    routes.set("/client-dialed", twiml('<Dial action="/nobody"><Client>nobody</Client></Dial>'));
    routes.set("/nobody", twiml('<Dial action="/offline"><Client>offline1</Client></Dial>'));
    routes.set("/offline", twiml("<Hangup/>"));
    const voice = await createVoiceTenant({ voiceUrl: app.url("/dial-client") });
    const { sipUser } = await createSipUser(voice.actor, { username: "alice", displayName: "Alice" });
    // A SIP user with no phone signed in (the simulator's sofia_contact: users named offline… are not registered).
    await createSipUser(voice.actor, { username: "offline1" });
    const uuid = sim.switch.injectInbound({ from: "+14155550163", to: voice.number.e164 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    const [dialed] = requestsTo("/client-dialed", call.id);
    expect(dialed).toMatchObject({ DialCallStatus: "completed", DialBridged: "true" });
    const leg = await waitForFinalCall(dialed!.DialCallSid!);
    expect(leg).toMatchObject({ parentCallId: call.id, direction: "OUTBOUND_DIAL", to: "client:Alice" });
    const bridge = seen.find((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === call.id && e.get("Application") === "bridge")!;
    expect(bridge.get("Application-Data")).toContain(`sip_invite_domain=${sipUser.domain},sip_h_X-Team=sales]sofia/internal/sip:alice@127.0.0.1:5060`);
    // The second dial named nobody the account has: no leg, no-answer, and a debugger entry.
    expect(requestsTo("/nobody", call.id)).toEqual([expect.objectContaining({ DialCallStatus: "no-answer", DialBridged: "false" })]);
    expect(requestsTo("/offline", call.id)).toEqual([expect.objectContaining({ DialCallStatus: "no-answer", DialBridged: "false" })]);
    expect(await db.call.count({ where: { parentCallId: call.id } })).toBe(1);
    const events = await db.callEvent.findMany({ where: { callId: call.id, type: "debugger.error" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => (e.data as { message: string }).message)).toEqual([expect.stringMatching(/nobody.*no enabled SIP user/), expect.stringMatching(/offline1.*not registered now/)]);
  });

  it("a live call is redirected at once: the running verb stops and the new document runs", async () => {
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ say: "Please hold" }, { pause: 600 }] });
    await waitFor("the long pause", async () => seen.some((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === call.id && e.get("Application") === "speak"));
    await redirectCall(voice.actor, { callId: call.id, instructions: [{ say: "Redirected" }, { hangup: true }] });
    const ended = await waitForFinalCall(call.id);
    expect(ended.status).toBe("COMPLETED");
    expect(ended.billsec).toBeLessThan(60);
    expect(spokenOn(call.id)).toEqual(["Please hold", "Redirected"]);
  });

  it("a worker killed during a gather: its successor resumes the call, the gather starts again and its keys reach the action", async () => {
    routes.set("/resume", twiml('<Gather numDigits="1" timeout="20" action="/resumed"><Say>Choose an option</Say></Gather>'));
    routes.set("/resumed", twiml("<Say>Resumed</Say><Hangup/>"));
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/resume") });
    await waitFor("the gather's stored state", async () => {
      const row = await db.call.findUniqueOrThrow({ where: { id: call.id } });
      return (row.voiceSession as { running?: { kind: string } } | null)?.running?.kind === "collect";
    });
    await worker.kill();
    const killedAt = seen.length;
    worker = await watchedWorker();
    // The successor replays the gather's prompt: the call is not left silent.
    await waitFor("the prompt again", async () => spokenOn(call.id, killedAt).includes("Choose an option"), 15_000);
    const uuid = (await db.call.findUniqueOrThrow({ where: { id: call.id } })).channelUuid!;
    sim.switch.pressDigits(sim.channels.get(uuid)!, "7");
    expect((await waitForFinalCall(call.id, 15_000)).status).toBe("COMPLETED");
    expect(requestsTo("/resumed", call.id)).toEqual([expect.objectContaining({ Digits: "7" })]);
  });

  it("a worker killed after the switch answered but before the answer reached the database: its successor still resumes the document", async () => {
    routes.set("/resume-unrecorded", twiml('<Gather numDigits="1" timeout="20" action="/resumed-unrecorded"><Say>Pick one</Say></Gather>'));
    routes.set("/resumed-unrecorded", twiml("<Say>Resumed</Say><Hangup/>"));
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/resume-unrecorded") });
    await waitFor("the gather's stored state", async () => {
      const row = await db.call.findUniqueOrThrow({ where: { id: call.id } });
      return (row.voiceSession as { running?: { kind: string } } | null)?.running?.kind === "collect";
    });
    await worker.kill();
    // As the real switch showed: the answer's write lost with the worker (the call still ringing in the database).
    await db.call.update({ where: { id: call.id }, data: { status: "RINGING", answeredAt: null } });
    const killedAt = seen.length;
    worker = await watchedWorker();
    await waitFor("the prompt again", async () => spokenOn(call.id, killedAt).includes("Pick one"), 15_000);
    // The answer is recorded at the switch's answer time.
    await waitFor("the answer recorded", async () => (await db.call.findUniqueOrThrow({ where: { id: call.id } })).status === "IN_PROGRESS" || null);
    const uuid = (await db.call.findUniqueOrThrow({ where: { id: call.id } })).channelUuid!;
    sim.switch.pressDigits(sim.channels.get(uuid)!, "3");
    expect((await waitForFinalCall(call.id, 15_000)).status).toBe("COMPLETED");
    expect(requestsTo("/resumed-unrecorded", call.id)).toEqual([expect.objectContaining({ Digits: "3" })]);
  });

  it("gather input=speech: the caller's utterance goes to the recognizer and its transcript reaches the action", async () => {
    const deepgram = await startDeepgramStandIn({ transcript: "talk to sales" });
    process.env.SPEECH_DEEPGRAM_API_KEY = deepgram.apiKey;
    process.env.SPEECH_DEEPGRAM_BASE_URL = deepgram.baseUrl;
    try {
      routes.set("/speak", twiml('<Gather input="speech" maxSpeechTime="2" action="/heard" language="en-GB" hints="sales, support"><Say>How can I help?</Say></Gather>'));
      routes.set("/heard", twiml("<Hangup/>"));
      const voice = await createVoiceTenant();
      const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/speak") });
      expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
      expect(requestsTo("/heard", call.id)).toEqual([expect.objectContaining({ SpeechResult: "talk to sales" })]);
      expect(deepgram.requests).toHaveLength(1);
      expect(deepgram.violations).toEqual([]);
      expect(deepgram.requests[0]!.query.get("language")).toBe("en-GB");
    } finally {
      delete process.env.SPEECH_DEEPGRAM_API_KEY;
      delete process.env.SPEECH_DEEPGRAM_BASE_URL;
      await deepgram.close();
    }
  });

  it("gather with partialResultCallback: what was said so far is posted while the caller speaks, then the action gets the whole", async () => {
    const deepgram = await startDeepgramStandIn({ transcript: "talk to sales" });
    process.env.SPEECH_DEEPGRAM_API_KEY = deepgram.apiKey;
    process.env.SPEECH_DEEPGRAM_BASE_URL = deepgram.baseUrl;
    // Partial results every 300 ms: several fit in the three real seconds below however loaded the machine is.
    process.env.SPEECH_PARTIAL_INTERVAL_MS = "300";
    try {
      // 60 simulated seconds of speech at most: three real ones.
      routes.set("/speak-long", twiml(`<Gather input="speech" maxSpeechTime="60" action="/heard-long" partialResultCallback="${app.url("/partial")}"/>`));
      routes.set("/heard-long", twiml("<Hangup/>"));
      routes.set("/partial", { status: 204 });
      const voice = await createVoiceTenant();
      const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/speak-long") });
      const uuid = await waitFor("the channel", async () => (await db.call.findUnique({ where: { id: call.id } }))?.channelUuid);
      // The caller keeps talking, so the utterance runs to maxSpeechTime.
      await waitFor("the answer", async () => sim.channels.get(uuid)?.answerState === "answered");
      sim.switch.farEndTalks(sim.channels.get(uuid)!, 120);
      expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
      const partials = requestsTo("/partial", call.id);
      expect(partials.length).toBeGreaterThanOrEqual(1);
      expect(partials[0]).toMatchObject({ SequenceNumber: "0", UnstableSpeechResult: "talk to sales", StableSpeechResult: "", CallStatus: "in-progress" });
      if (partials[1]) expect(partials[1]).toMatchObject({ SequenceNumber: "1", StableSpeechResult: "talk to sales" });
      expect(requestsTo("/heard-long", call.id)).toEqual([expect.objectContaining({ SpeechResult: "talk to sales" })]);
      // Each partial sent the audio so far as a WAV whose sizes are true.
      expect(deepgram.violations).toEqual([]);
      // (a recognition still in flight when the utterance ended is not posted)
    expect(deepgram.requests.length).toBeGreaterThanOrEqual(partials.length + 1);
    } finally {
      delete process.env.SPEECH_DEEPGRAM_API_KEY;
      delete process.env.SPEECH_PARTIAL_INTERVAL_MS;
      delete process.env.SPEECH_DEEPGRAM_BASE_URL;
      await deepgram.close();
    }
  });

  it("record with transcribe: the recognizer's words reach transcribeCallback with the recording", async () => {
    const deepgram = await startDeepgramStandIn({ transcript: "please call me back" });
    process.env.SPEECH_DEEPGRAM_API_KEY = deepgram.apiKey;
    process.env.SPEECH_DEEPGRAM_BASE_URL = deepgram.baseUrl;
    try {
      routes.set("/voicemail", twiml(`<Record maxLength="2" playBeep="false" action="/bye" transcribe="true" transcribeCallback="${app.url("/transcribed")}"/>`));
      routes.set("/bye", twiml("<Hangup/>"));
      routes.set("/transcribed", { status: 204 });
      const voice = await createVoiceTenant();
      const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/voicemail") });
      expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
      const [posted] = await waitFor("the transcription", async () => {
        const list = requestsTo("/transcribed", call.id);
        return list.length ? list : null;
      });
      expect(posted).toMatchObject({ TranscriptionStatus: "completed", TranscriptionText: "please call me back" });
      expect(posted!.RecordingSid).toMatch(/^RE[0-9a-f]{32}$/);
      expect(posted!.TranscriptionSid).toMatch(/^TR[0-9a-f]{32}$/);
    } finally {
      delete process.env.SPEECH_DEEPGRAM_API_KEY;
      delete process.env.SPEECH_DEEPGRAM_BASE_URL;
      await deepgram.close();
    }
  });

  it("a say with a provider's voice plays the provider's audio from the speech cache (synthesized once)", async () => {
    const openai = await startOpenAiStandIn();
    process.env.SPEECH_OPENAI_API_KEY = openai.apiKey;
    process.env.SPEECH_OPENAI_BASE_URL = openai.baseUrl;
    try {
      const voice = await createVoiceTenant();
      for (let i = 0; i < 2; i++) {
        const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ say: "Welcome to the provider voice", voice: "openai.alloy" }, { hangup: true }] });
        expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
        const played = seen.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === call.id && e.get("Application") === "playback");
        expect(played.map((e) => e.get("Application-Data"))).toEqual([expect.stringMatching(/\/tts\/[0-9a-f]{64}\.wav$/)]);
        expect(played[0]!.get("Application-Response")).toBe("FILE PLAYED");
      }
      expect(openai.requests.filter((r) => r.path.endsWith("/audio/speech"))).toHaveLength(1);
      expect(openai.violations).toEqual([]);
    } finally {
      delete process.env.SPEECH_OPENAI_API_KEY;
      delete process.env.SPEECH_OPENAI_BASE_URL;
      await openai.close();
    }
  });

  it("SendDigits are sent once the called party answers, before the document; a failing URL falls back to fallbackUrl with ErrorCode", async () => {
    routes.set("/broken", { status: 500, body: "oops" });
    routes.set("/fallback", twiml("<Say>Fallback speaking</Say><Hangup/>"));
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/broken"), fallbackUrl: app.url("/fallback"), sendDigits: "ww12#" });
    expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
    const apps = seen.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === call.id).map((e) => `${e.get("Application")} ${e.get("Application-Data") ?? ""}`);
    expect(apps.indexOf("send_dtmf ww12#")).toBeGreaterThanOrEqual(0);
    expect(apps.indexOf("send_dtmf ww12#")).toBeLessThan(apps.findIndex((a) => a.startsWith("speak")));
    expect(requestsTo("/fallback", call.id)).toEqual([expect.objectContaining({ ErrorCode: "11200", ErrorUrl: app.url("/broken") })]);
    expect(spokenOn(call.id)).toEqual(["Fallback speaking"]);
  });

  it("voicemail end to end: greeting, the message recorded until #, saved with its transcript, mailed and announced", async () => {
    const deepgram = await startDeepgramStandIn({ transcript: "hi it is Sam please call back" });
    process.env.SPEECH_DEEPGRAM_API_KEY = deepgram.apiKey;
    process.env.SPEECH_DEEPGRAM_BASE_URL = deepgram.baseUrl;
    try {
      const voice = await createVoiceTenant();
      const box = await createVoicemailBox(voice.actor, { name: "Sales", greetingText: "You reached sales.", maxLengthSeconds: 30, transcribe: true, notifyEmails: ["sales-desk@example.com"] });
      const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ redirect: `irisx:voicemail/${box.id}` }] });
      await waitFor("the recording to start", async () => {
        const row = await db.call.findUniqueOrThrow({ where: { id: call.id } });
        return (row.voiceSession as { running?: { kind: string } } | null)?.running?.kind === "record";
      });
      // The caller speaks a moment, then presses #, which ends the message.
      await new Promise((r) => setTimeout(r, 150));
      const uuid = (await db.call.findUniqueOrThrow({ where: { id: call.id } })).channelUuid!;
      sim.switch.pressDigits(sim.channels.get(uuid)!, "#");
      expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
      expect(spokenOn(call.id)).toEqual(["You reached sales.", "Thank you. Goodbye."]);
      const message = await waitFor("the transcript", async () => {
        const vm = await db.voicemail.findFirst({ where: { callId: call.id } });
        return vm?.transcriptionStatus === "completed" ? vm : null;
      });
      expect(message).toMatchObject({ boxId: box.id, transcript: "hi it is Sam please call back", readAt: null });
      expect(message.durationSeconds).toBeGreaterThanOrEqual(1);
      expect(await db.recording.findUniqueOrThrow({ where: { id: message.recordingId } })).toMatchObject({ status: "COMPLETED", callId: call.id });
      expect(await db.emailMessage.count({ where: { to: "sales-desk@example.com" } })).toBe(1);
      expect(await db.webhookEvent.count({ where: { tenantId: voice.tenant.id, type: "voicemail.created" } })).toBe(1);
    } finally {
      delete process.env.SPEECH_DEEPGRAM_API_KEY;
      delete process.env.SPEECH_DEEPGRAM_BASE_URL;
      await deepgram.close();
    }
  });

  it("a two-level IVR flow assigned to a number, driven by the caller's keys: the right branch, and the version the call started with", async () => {
    const voice = await createVoiceTenant();
    const edge = (source: string, branch: string, target: string) => ({ id: `${source}-${branch}-${target}`, source, branch, target });
    const graph = (salesPrompt: string): FlowGraphInput => ({
      nodes: [
        { id: "start", kind: "start" as const },
        { id: "main", kind: "menu" as const, label: "Main menu", prompt: { text: "Press 1 for sales, 2 for support." }, options: [{ key: "1" }, { key: "2" }], retries: 1 },
        { id: "sales", kind: "menu" as const, label: "Sales", prompt: { text: salesPrompt }, options: [{ key: "1" }, { key: "2" }], retries: 0 },
        { id: "new", kind: "say" as const, prompt: { text: "Welcome, new customer." } },
        { id: "existing", kind: "say" as const, prompt: { text: "Welcome back." } },
        { id: "support", kind: "say" as const, prompt: { text: "Support speaking." } },
        { id: "bye", kind: "hangup" as const, prompt: { text: "Goodbye." } },
      ],
      edges: [edge("start", "next", "main"), edge("main", "1", "sales"), edge("main", "2", "support"), edge("sales", "1", "new"), edge("sales", "2", "existing"), edge("new", "next", "bye"), edge("existing", "next", "bye"), edge("support", "next", "bye")],
    });
    const flow = await createFlow(voice.actor, { name: "Front desk", graph: graph("Press 1 if you are new, 2 if you are a customer.") });
    await publishFlow(voice.actor, { id: flow.id });
    await assignFlowToNumbers(voice.actor, { flowId: flow.id, phoneNumberIds: [voice.number.id] });
    const uuid = sim.switch.injectInbound({ from: "+14155550162", to: voice.number.e164 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect(call.flowId).toBe(flow.id);
    const press = async (after: string, key: string) => {
      await waitFor(`"${after}"`, async () => spokenOn(call.id).includes(after));
      sim.switch.pressDigits(sim.channels.get(uuid)!, key);
    };
    await waitFor("the main menu", async () => spokenOn(call.id).includes("Press 1 for sales, 2 for support."));
    // A new version published mid-call changes nothing for this call: it keeps the version it started with.
    await saveFlowDraft(voice.actor, { id: flow.id, graph: graph("A new sales menu.") });
    await publishFlow(voice.actor, { id: flow.id });
    await press("Press 1 for sales, 2 for support.", "1");
    await press("Press 1 if you are new, 2 if you are a customer.", "2");
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    expect(spokenOn(call.id)).toEqual(["Press 1 for sales, 2 for support.", "Press 1 if you are new, 2 if you are a customer.", "Welcome back.", "Goodbye."]);
  });

  it("an invalid document gets a debugger entry with the line and attribute, an apology and a clean hang-up", async () => {
    routes.set("/bad", { status: 200, body: '<Response>\n<Gather numDigits="zero"/>\n</Response>', headers: { "Content-Type": "text/xml" } });
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: app.url("/bad") });
    expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
    const entry = await db.callEvent.findFirstOrThrow({ where: { callId: call.id, type: "debugger.error" } });
    expect(entry.data).toMatchObject({ line: 2, verb: "Gather", attribute: "numDigits", source: "document", url: app.url("/bad") });
    expect(spokenOn(call.id)).toEqual(["We are sorry, an application error has occurred. Goodbye."]);
  });
});
