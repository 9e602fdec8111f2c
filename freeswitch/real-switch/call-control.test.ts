// The verb interpreter on a real FreeSWITCH: a conversation, one verb at a time, each waiting for the switch.
//   - gather: the caller's RFC 2833 keys (SIPp's pcaps) reach the action as Digits, and its answer runs;
//   - record: the far end's audio lands in a completed recording (not silence), posted to the action;
//   - dial: the caller is bridged to a second leg through the carrier, each leg a call with its own record;
//     the action gets DialCallStatus, DialCallSid and the dial's recording;
//   - a live call is redirected through the REST API and runs the new document at once;
//   - a gather with no input goes on with the next verb;
//   - a worker killed during a gather: the next worker resumes the call (the prompt again), and the keys pressed
//     afterwards reach the action.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { callEventsOf, callRecordOf, control, createVoiceTenant, describeRealSwitch, EslTap, placeCall, rest, sippPorts, stackInfo, waitFor, waitForFinal, waitForStatus, type VoiceTenant } from "./harness/fixtures";
import { placeInboundCall } from "./harness/sipp";
import { analyseWav } from "./harness/wav-analysis";
import { startDeskPhone } from "./harness/desk-phone";

type Reply = { status: number; body: string; headers: Record<string, string> };
const twiml = (body: string): Reply => ({ status: 200, body: `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`, headers: { "Content-Type": "text/xml" } });
const json = (verbs: unknown[]): Reply => ({ status: 200, body: JSON.stringify(verbs), headers: { "Content-Type": "application/json" } });

describeRealSwitch("call control on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;
  let app: Awaited<ReturnType<typeof startWebhookReceiver>>;
  /** What the tenant's application answers, by path. */
  const routes = new Map<string, Reply>();

  beforeAll(async () => {
    app = await startWebhookReceiver((req) => routes.get(new URL(req.url ?? "/", "http://x").pathname) ?? { status: 404, body: "", headers: {} });
    tenant = await createVoiceTenant({ voiceUrl: "http://127.0.0.1:1/unused" });
    tap = await EslTap.open(["CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP_COMPLETE", "DTMF"]);
  });
  afterAll(async () => {
    await tap.close();
    await app.close();
  });

  const paramsOf = (path: string, callId: string) =>
    waitFor(`the request to ${path}`, async () => {
      const hit = app.received.find((r) => r.url?.startsWith(path) && new URLSearchParams(r.body).get("CallSid") === callId);
      return hit ? Object.fromEntries(new URLSearchParams(hit.body)) : null;
    });

  async function setVoiceUrl(path: string) {
    const { db } = await import("@/server/db");
    await db.phoneNumber.updateMany({ where: { tenantId: tenant.tenantId }, data: { voiceUrl: app.url(path) } });
  }

  async function callIn(caller: string, opts: { dtmf?: string; dtmfAfterMs?: number; hangupAfterMs?: number } = {}) {
    const ports = await sippPorts();
    const info = stackInfo();
    return placeInboundCall({ target: `127.0.0.1:${info.externalSipPort}`, did: tenant.number, caller, ...opts, ...ports, workDir: `${info.workDir}/sipp` });
  }

  async function inboundCallFrom(caller: string) {
    const { db } = await import("@/server/db");
    return waitFor(`the call from ${caller}`, () => db.call.findFirst({ where: { tenantId: tenant.tenantId, direction: "INBOUND", from: caller }, orderBy: { createdAt: "desc" } }));
  }

  it("gather: the caller's RFC 2833 keys reach the action as Digits and the action's answer runs", async () => {
    routes.set("/gather", twiml('<Gather numDigits="2" timeout="10" action="/gathered"><Say>Please enter two digits</Say></Gather><Say>We did not get your input</Say>'));
    routes.set("/gathered", twiml("<Say>Thank you</Say><Hangup/>"));
    await setVoiceUrl("/gather");
    const caller = "+14155550171";
    const run = await callIn(caller, { dtmf: "24", dtmfAfterMs: 2500 });
    const call = await inboundCallFrom(caller);
    expect(await run.exited).toBe(0);
    expect((await waitForFinal(tenant, call.id, 30_000)).status).toBe("completed");
    const params = await paramsOf("/gathered", call.id);
    expect(params).toMatchObject({ Digits: "24", FinishedOnKey: "", CallSid: call.id, AccountSid: tenant.accountSid, Direction: "inbound" });
    const spoken = tap.executed(call.id).filter((a) => a.app === "speak").map((a) => a.data);
    expect(spoken.some((t) => t.endsWith("Thank you"))).toBe(true);
    expect(spoken.some((t) => t.endsWith("We did not get your input"))).toBe(false);
  });

  it("gather with speech: partial results are posted while the far end talks, then the action gets the transcript", async () => {
    // The carrier's far end streams a tone the whole call: the utterance runs to maxSpeechTime (4 s), and what was
    // said so far is recognized about once a second (the recognizer is Deepgram's stand-in, started by the stack).
    routes.set("/speech", twiml(`<Gather input="speech" maxSpeechTime="4" action="/speech-heard" partialResultCallback="${app.url("/speech-partial")}"/>`));
    routes.set("/speech-heard", twiml("<Hangup/>"));
    routes.set("/speech-partial", { status: 204, body: "", headers: {} });
    const call = await placeCall(tenant, { to: "+15005550100", url: app.url("/speech") });
    expect((await waitForFinal(tenant, call.id, 30_000)).status).toBe("completed");
    expect(await paramsOf("/speech-heard", call.id)).toMatchObject({ SpeechResult: "talk to sales" });
    const partials = app.received.filter((r) => r.url?.startsWith("/speech-partial") && new URLSearchParams(r.body).get("CallSid") === call.id).map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(partials.length).toBeGreaterThanOrEqual(2);
    expect(partials[0]).toMatchObject({ SequenceNumber: "0", UnstableSpeechResult: "talk to sales" });
    expect(partials[1]).toMatchObject({ SequenceNumber: "1", StableSpeechResult: "talk to sales" });
  });

  it("gather without input goes on with the next verb", async () => {
    routes.set("/quiet", twiml('<Gather numDigits="1" timeout="2"><Say>Press a key</Say></Gather><Say>Nothing pressed</Say><Hangup/>'));
    await setVoiceUrl("/quiet");
    const caller = "+14155550172";
    const run = await callIn(caller);
    const call = await inboundCallFrom(caller);
    expect((await waitForFinal(tenant, call.id, 30_000)).status).toBe("completed");
    await run.exited;
    expect(tap.executed(call.id).some((a) => a.app === "speak" && a.data.endsWith("Nothing pressed"))).toBe(true);
    expect(app.received.some((r) => new URLSearchParams(r.body).get("CallSid") === call.id && r.url?.startsWith("/quiet") && new URLSearchParams(r.body).has("Digits"))).toBe(false);
  });

  it("record: the far end's audio is a completed, non-silent recording posted to the action", async () => {
    routes.set("/record", json([{ say: "Leave a message after the beep" }, { record: true, maxLength: 3, timeout: 0, action: app.url("/recorded") }]));
    routes.set("/recorded", json([{ hangup: true }]));
    // The carrier answers +15005550110 and streams a tone for ten seconds.
    const call = await placeCall(tenant, { to: "+15005550110", url: app.url("/record") });
    expect((await waitForFinal(tenant, call.id, 40_000)).status).toBe("completed");
    const params = await paramsOf("/recorded", call.id);
    expect(params.RecordingSid).toMatch(/^RE[0-9a-f]{32}$/);
    expect(Number(params.RecordingDuration)).toBeGreaterThanOrEqual(2);
    expect(params.RecordingUrl).toBe(`${stackInfo().appUrl}/api/v1/recordings/${params.RecordingSid}/media`);
    const media = await fetch(params.RecordingUrl!, { headers: { Authorization: `Bearer ${tenant.bearer}` } });
    expect(media.status).toBe(200);
    const wav = analyseWav(Buffer.from(await media.arrayBuffer()));
    expect(wav.channels).toBe(1);
    expect(wav.seconds).toBeGreaterThan(2);
    expect(wav.rms(0, 0.5, wav.seconds - 0.5)).toBeGreaterThan(500);
  });

  it("dial rings with the ringTone's cadence: a recording of what the caller hears while it rings (record-from-ringing, outbound track)", async () => {
    routes.set("/ringtone", twiml('<Dial timeout="5" action="/rang" record="record-from-ringing" recordingTrack="outbound" ringTone="uk"><Number>+15005550300</Number></Dial>'));
    routes.set("/rang", twiml("<Hangup/>"));
    // The carrier answers +15005550120 (and talks: its side is not in this recording); +15005550300 rings until cancelled.
    const call = await placeCall(tenant, { to: "+15005550120", url: app.url("/ringtone") });
    expect((await waitForFinal(tenant, call.id, 40_000)).status).toBe("completed");
    const params = await paramsOf("/rang", call.id);
    expect(params).toMatchObject({ DialCallStatus: "no-answer" });
    const media = await fetch(params.RecordingUrl!, { headers: { Authorization: `Bearer ${tenant.bearer}` } });
    const wav = analyseWav(Buffer.from(await media.arrayBuffer()));
    expect(wav.seconds).toBeGreaterThan(3);
    // 50 ms frames: the UK's double ring (0.4 s on, 0.2 off, 0.4 on, 2 off) is heard, never a tone longer than 0.5 s
    // (North America's is 2 s on, 4 off).
    const frames = Array.from({ length: Math.floor(wav.seconds / 0.05) }, (_, i) => wav.rms(0, i * 0.05, (i + 1) * 0.05) > 300);
    const runs = frames.reduce<number[]>((acc, loud, i) => (loud ? (frames[i - 1] ? [...acc.slice(0, -1), acc.at(-1)! + 1] : [...acc, 1]) : acc), []);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...runs) * 0.05).toBeLessThanOrEqual(0.55);
    expect(Math.max(...runs) * 0.05).toBeGreaterThanOrEqual(0.3);
  });

  it("dial: the caller is bridged to a second leg; both legs get records; the action hears DialCallStatus and the recording", async () => {
    routes.set("/dial", twiml('<Dial action="/dialed" record="record-from-answer" recordingStatusCallback="/dial-rec" timeout="20"><Number statusCallback="/leg-events" statusCallbackEvent="initiated ringing answered completed">+15005550104</Number></Dial>'));
    routes.set("/leg-events", { status: 204, body: "", headers: {} });
    routes.set("/dial-rec", { status: 204, body: "", headers: {} });
    routes.set("/dialed", twiml("<Say>The other side hung up</Say><Hangup/>"));
    await setVoiceUrl("/dial");
    const caller = "+14155550173";
    const run = await callIn(caller, { hangupAfterMs: 40_000 });
    const call = await inboundCallFrom(caller);
    expect((await waitForFinal(tenant, call.id, 45_000)).status).toBe("completed");
    await run.exited;
    const params = await paramsOf("/dialed", call.id);
    expect(params).toMatchObject({ DialCallStatus: "completed", DialBridged: "true" });
    expect(Number(params.DialCallDuration)).toBeGreaterThanOrEqual(3);
    const { db } = await import("@/server/db");
    const child = await db.call.findUniqueOrThrow({ where: { id: params.DialCallSid! } });
    expect(child).toMatchObject({ parentCallId: call.id, direction: "OUTBOUND_DIAL", to: "+15005550104" });
    const childFinal = await waitForFinal(tenant, child.id, 20_000);
    expect(childFinal.status).toBe("completed");
    expect(Number(childFinal.billsec)).toBeGreaterThanOrEqual(3);
    expect(await callRecordOf(child.id)).toBeTruthy();
    // The leg's own status callback (<Number statusCallback>): its four events, with the parent's sid.
    const legEvents = await waitFor("the leg's four status callbacks", async () => {
      const got = app.received.filter((r) => r.url?.startsWith("/leg-events")).map((r) => Object.fromEntries(new URLSearchParams(r.body)));
      return got.length >= 4 ? got : null;
    });
    expect(legEvents.map((e) => e.CallStatus)).toEqual(["initiated", "ringing", "in-progress", "completed"]);
    for (const e of legEvents) expect(e).toMatchObject({ CallSid: child.id, ParentCallSid: call.id, Direction: "outbound-dial" });
    expect(await callRecordOf(call.id)).toBeTruthy();
    expect(params.RecordingSid).toMatch(/^RE[0-9a-f]{32}$/);
    const recording = await db.recording.findUniqueOrThrow({ where: { id: params.RecordingSid! } });
    expect(recording).toMatchObject({ callId: call.id, status: "COMPLETED" });
    expect(tap.executed(call.id).some((a) => a.app === "bridge")).toBe(true);
    // <Dial recordingStatusCallback>: the stored recording, reported completed.
    expect(await paramsOf("/dial-rec", call.id)).toMatchObject({ RecordingSid: params.RecordingSid, RecordingStatus: "completed", RecordingSource: "DialVerb" });
  });

  it("dial a client: the account's SIP user registered from a desk phone rings there and is bridged; an unknown identity rings nowhere", async () => {
    const { createSipUser } = await import("@/server/sip/create-sip-user");
    // Named like the carrier scenario's magic number that answers and hangs up after 3 s (scenarios/carrier.xml).
    const { sipUser, password } = await createSipUser(tenant.actor, { username: "15005550103", displayName: "Desk 103" });
    // The phone registers from a port, then answers there (the carrier scenario answers any INVITE and hangs up after 5 s).
    const desk = await startDeskPhone({ user: sipUser.username, domain: tenant.sipDomain, password, label: "desk" });
    const port = desk.port;
    try {
      routes.set("/dial-client", twiml('<Dial action="/client-dialed" timeout="15"><Client>15005550103</Client></Dial>'));
      routes.set("/client-dialed", twiml('<Dial action="/nobody"><Client>nobody</Client></Dial>'));
      routes.set("/nobody", twiml("<Hangup/>"));
      await setVoiceUrl("/dial-client");
      const caller = "+14155550175";
      const run = await callIn(caller, { hangupAfterMs: 40_000 });
      const call = await inboundCallFrom(caller);
      expect((await waitForFinal(tenant, call.id, 45_000)).status).toBe("completed");
      await run.exited;
      const params = await paramsOf("/client-dialed", call.id);
      expect(params).toMatchObject({ DialCallStatus: "completed", DialBridged: "true" });
      expect(Number(params.DialCallDuration)).toBeGreaterThanOrEqual(3);
      const { db } = await import("@/server/db");
      expect(await db.call.findUniqueOrThrow({ where: { id: params.DialCallSid! } })).toMatchObject({ parentCallId: call.id, to: "client:15005550103" });
      expect(tap.executed(call.id).find((a) => a.app === "bridge")?.data).toMatch(new RegExp(`sip_invite_domain=${tenant.sipDomain.replaceAll(".", "\\.")}\\]sofia/internal/sip:15005550103@127\\.0\\.0\\.1:${port}`));
      expect(await paramsOf("/nobody", call.id)).toMatchObject({ DialCallStatus: "no-answer", DialBridged: "false" });
    } finally {
      await desk.stop();
    }
  });

  it("a live call is redirected through the REST API and runs the new document at once", async () => {
    const call = await placeCall(tenant, { to: "+15005550100", instructions: [{ say: "Please hold" }, { pause: 60 }] });
    await waitForStatus(tenant, call.id, ["in-progress"], 30_000);
    await waitFor("the pause", async () => tap.executed(call.id).some((a) => a.app === "sleep"));
    const redirected = await rest(tenant, "POST", `/api/v1/calls/${call.id}`, { twiml: "<Response><Say>You have been redirected</Say><Hangup/></Response>" });
    expect(redirected.status).toBe(200);
    const final = await waitForFinal(tenant, call.id, 30_000);
    expect(final.status).toBe("completed");
    expect(Number(final.billsec)).toBeLessThan(30);
    expect(tap.executed(call.id).some((a) => a.app === "speak" && a.data.endsWith("You have been redirected"))).toBe(true);
    expect((await callEventsOf(call.id)).some((e) => e.type === "redirect.requested")).toBe(true);
    // An ended call cannot be redirected: 409.
    expect((await rest(tenant, "POST", `/api/v1/calls/${call.id}`, { url: app.url("/x") })).status).toBe(409);
  });

  it("a worker killed during a gather: its successor resumes the call, says the prompt again, and the caller's key reaches the action", async () => {
    routes.set("/resume", twiml('<Gather numDigits="1" timeout="30" action="/resumed"><Say>Choose an option</Say></Gather><Say>Nothing chosen</Say>'));
    routes.set("/resumed", twiml("<Say>Resumed</Say><Hangup/>"));
    await setVoiceUrl("/resume");
    const caller = "+14155550174";
    // The key comes long after the worker was replaced.
    const run = await callIn(caller, { dtmf: "5", dtmfAfterMs: 16_000, hangupAfterMs: 45_000 });
    const call = await inboundCallFrom(caller);
    const { db } = await import("@/server/db");
    await waitFor("the gather's stored state", async () => {
      const row = await db.call.findUniqueOrThrow({ where: { id: call.id } });
      return (row.voiceSession as { running?: { kind: string } } | null)?.running?.kind === "collect";
    });
    await waitFor("the first prompt", async () => tap.executed(call.id).some((a) => a.app === "speak" && a.data.endsWith("Choose an option")));
    await control("worker/kill");
    await new Promise((r) => setTimeout(r, 1_000));
    await control("worker/start");
    await waitFor("the prompt again", async () => tap.executed(call.id).filter((a) => a.app === "speak" && a.data.endsWith("Choose an option")).length >= 2, 30_000);
    expect((await waitForFinal(tenant, call.id, 45_000)).status).toBe("completed");
    await run.exited;
    expect(await paramsOf("/resumed", call.id)).toMatchObject({ Digits: "5" });
    expect(tap.executed(call.id).some((a) => a.app === "speak" && a.data.endsWith("Nothing chosen"))).toBe(false);
  });
});
