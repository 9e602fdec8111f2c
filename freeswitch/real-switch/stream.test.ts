// Twilio Media Streams on a real FreeSWITCH, with the tenant's WebSocket server in this test:
//   - <Connect><Stream> (bidirectional, the switch's unicast): the carrier's tone reaches the server as 20 ms μ-law
//     media messages (not silence, 440 Hz), the server's 1 kHz tone is written to the call towards the carrier (the
//     switch's own write-only recording of the channel hears it), its mark comes back once that audio has played,
//     and when the server closes the socket the document goes on with the next verb; a second <Connect><Stream> in
//     the call is refused (the switch forwards no more audio once an application ran after its unicast started);
//   - <Start><Stream track="both_tracks"> (one way): both sides arrive as inbound and outbound media while the
//     document goes on, <Stop><Stream name> ends it with a stop message, and statusCallback hears stream-started and
//     stream-stopped.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { decodeMulaw, encodeMulaw } from "@/lib/audio/mulaw";
import { power, rms, tone } from "@/test/audio-signals";
import { startMediaStreamServer, type MediaStreamServer } from "@/test/media-stream-server";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { callEventsOf, createVoiceTenant, describeRealSwitch, EslTap, placeCall, stackInfo, waitFor, waitForFinal, type VoiceTenant } from "./harness/fixtures";

describeRealSwitch("Twilio Media Streams on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;
  let streams: MediaStreamServer;
  let callbacks: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    tenant = await createVoiceTenant();
    tap = await EslTap.open(["CHANNEL_EXECUTE", "CHANNEL_PARK"]);
    callbacks = await startWebhookReceiver(() => ({ status: 204, body: "", headers: {} }));
    streams = await startMediaStreamServer();
  });
  afterAll(async () => {
    await tap.close();
    await callbacks.close();
    await streams.close();
  });

  const channelOf = (callId: string) => waitFor(`the channel of ${callId}`, async () => tap.events.find((e) => e.name === "CHANNEL_PARK" && e.variable("irisx_call_id") === callId)?.get("Unique-ID"));

  it("<Connect><Stream>: the far end's audio reaches the server, the server's audio reaches the far end, marks come back, the close goes on", async () => {
    const heardFile = path.join(stackInfo().switchRecordingsDir, `stream-heard-${Date.now()}.wav`);
    let markSentAt = 0;
    let markBackAt = 0;
    let callId = "";
    streams.onStart.set("/bot", (ws, messages) => {
      void (async () => {
        // The switch's own recording of what it writes towards the carrier (the call's outbound audio).
        const uuid = await channelOf(callId);
        await tap.api(`uuid_record ${uuid} start ${heardFile} 0 {RECORD_WRITE_ONLY=true}`);
        const reply = encodeMulaw(tone(1.5, 1000));
        for (let i = 0; i < reply.length; i += 800) ws.send(JSON.stringify({ event: "media", streamSid: "x", media: { payload: reply.subarray(i, i + 800).toString("base64") } }));
        ws.send(JSON.stringify({ event: "mark", streamSid: "x", mark: { name: "tone-done" } }));
        markSentAt = performance.now();
        await waitFor("the mark back", async () => messages.some((m) => m.event === "mark"), 10_000, 20);
        markBackAt = performance.now();
        // Half a second more of the caller, then the server ends the stream.
        await new Promise((resolve) => setTimeout(resolve, 500));
        await tap.api(`uuid_record ${uuid} stop ${heardFile}`);
        ws.close();
      })();
    });
    const call = await placeCall(tenant, {
      to: "+15005550100",
      instructions: [{ connect: { stream: `${streams.url}/bot`, parameters: { customer: "acme" } } }, { say: "the stream has ended" }, { hangup: true }],
    });
    callId = call.id;
    expect((await waitForFinal(tenant, call.id, 40_000)).status).toBe("completed");
    const messages = streams.received.get("/bot")!;
    expect(messages[0]).toMatchObject({ event: "connected", protocol: "Call", version: "1.0.0" });
    const start = messages[1]!;
    expect(start).toMatchObject({
      event: "start",
      sequenceNumber: "1",
      start: { callSid: call.id, accountSid: tenant.accountSid, tracks: ["inbound"], customParameters: { customer: "acme" }, mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 } },
    });
    expect(start.streamSid).toMatch(/^MZ[0-9a-f]{32}$/);
    const media = messages.filter((m) => m.event === "media").map((m) => m.media!);
    // At least the 1.5 s of the server's tone plus the half second after, 50 frames a second.
    expect(media.length).toBeGreaterThan(75);
    expect(media.every((m, i) => m.track === "inbound" && m.chunk === String(i + 1) && Buffer.from(m.payload, "base64").length === 160)).toBe(true);
    const timestamps = media.map((m) => Number(m.timestamp));
    expect(timestamps.every((t, i) => i === 0 || t >= timestamps[i - 1]!)).toBe(true);
    // The carrier's 440 Hz tone, not silence.
    const caller = decodeMulaw(Buffer.concat(media.slice(10).map((m) => Buffer.from(m.payload, "base64"))));
    expect(rms(caller)).toBeGreaterThan(500);
    expect(power(caller, 440)).toBeGreaterThan(20 * power(caller, 1000));
    // The mark came back once the 1.5 s had been played (paced in real time, not all at once).
    expect(messages.find((m) => m.event === "mark")).toMatchObject({ streamSid: start.streamSid, mark: { name: "tone-done" } });
    expect(markBackAt - markSentAt).toBeGreaterThan(1300);
    // What the switch wrote towards the carrier during the stream is the server's 1 kHz tone.
    const heard = await readFile(heardFile);
    const data = heard.indexOf("data", 12, "ascii") + 8;
    const pcm = new Int16Array(heard.buffer.slice(heard.byteOffset + data, heard.byteOffset + data + ((heard.length - data) & ~1)));
    expect(rms(pcm)).toBeGreaterThan(1000);
    expect(power(pcm, 1000)).toBeGreaterThan(20 * power(pcm, 440));
    // The document went on after the server closed the socket.
    expect(tap.executed(call.id).some((a) => a.app === "speak" && a.data.endsWith("the stream has ended"))).toBe(true);
  });

  it("<Start><Stream track=both_tracks>: both sides arrive while the document goes on; <Stop><Stream> ends it; statusCallback hears it", async () => {
    const call = await placeCall(tenant, {
      to: "+15005550100",
      instructions: [
        { start: { stream: `${streams.url}/fork`, name: "fork1", track: "both_tracks", statusCallback: callbacks.url("/stream-status") } },
        { say: "this sentence goes to the caller and to the stream" },
        { stop: { stream: true, name: "fork1" } },
        { pause: 1 },
        { hangup: true },
      ],
    });
    expect((await waitForFinal(tenant, call.id, 40_000)).status).toBe("completed");
    const messages = await waitFor("the stream's stop", async () => (streams.received.get("/fork")?.some((m) => m.event === "stop") ? streams.received.get("/fork") : null), 10_000);
    expect(messages[1]).toMatchObject({ event: "start", start: { tracks: ["inbound", "outbound"], callSid: call.id } });
    const media = messages.filter((m) => m.event === "media").map((m) => m.media!);
    const track = (name: string) => decodeMulaw(Buffer.concat(media.filter((m) => m.track === name).map((m) => Buffer.from(m.payload, "base64"))));
    const inbound = track("inbound");
    const outbound = track("outbound");
    // The carrier's tone on the inbound track, flite's speech on the outbound one, each about as long as the say.
    expect(inbound.length).toBeGreaterThan(8000);
    expect(rms(inbound)).toBeGreaterThan(500);
    expect(power(inbound, 440)).toBeGreaterThan(5 * power(inbound, 1000));
    expect(rms(outbound)).toBeGreaterThan(300);
    expect(messages.at(-1)).toMatchObject({ event: "stop", stop: { callSid: call.id, accountSid: tenant.accountSid } });
    const events = await waitFor("both status callbacks", async () => {
      const got = callbacks.received.filter((r) => r.url?.startsWith("/stream-status")).map((r) => Object.fromEntries(new URLSearchParams(r.body)));
      return got.length >= 2 ? got : null;
    });
    expect(events.map((e) => e.StreamEvent)).toEqual(["stream-started", "stream-stopped"]);
    expect(events[0]).toMatchObject({ CallSid: call.id, AccountSid: tenant.accountSid, StreamSid: messages[1]!.streamSid, StreamName: "fork1" });
  });
  it("a second <Connect><Stream> in one call is refused with a debugger entry and the document goes on", async () => {
    // The switch's park loop stops forwarding the caller's audio once an application has run after its unicast
    // started (measured here: no datagram after the say between two streams), so a second stream would be deaf.
    streams.onStart.set("/first", (ws, messages) => void waitFor("a second of audio", async () => messages.filter((m) => m.event === "media").length >= 50, 10_000, 20).then(() => ws.close()));
    const call = await placeCall(tenant, {
      to: "+15005550100",
      instructions: [{ say: "before the stream" }, { connect: { stream: `${streams.url}/first` } }, { say: "between the streams" }, { connect: { stream: `${streams.url}/second` } }, { say: "after the refusal" }, { hangup: true }],
    });
    expect((await waitForFinal(tenant, call.id, 40_000)).status).toBe("completed");
    const media = streams.received.get("/first")!.filter((m) => m.event === "media").map((m) => m.media!);
    const audio = decodeMulaw(Buffer.concat(media.map((m) => Buffer.from(m.payload, "base64"))));
    expect(power(audio, 440)).toBeGreaterThan(20 * power(audio, 1000));
    expect(streams.received.has("/second")).toBe(false);
    const events = await callEventsOf(call.id);
    expect(events.filter((e) => e.type === "debugger.error").map((e) => (e.data as { code: number }).code)).toEqual([12200]);
    expect(tap.executed(call.id).filter((a) => a.app === "speak").map((a) => a.data.split("|")[2])).toEqual(["before the stream", "between the streams", "after the refusal"]);
  });

  it("the far end hanging up ends an open stream with its stop message", async () => {
    // The carrier answers +15005550104 and hangs up after 4 s.
    const call = await placeCall(tenant, { to: "+15005550104", instructions: [{ connect: { stream: `${streams.url}/until-hangup` } }, { say: "not reached" }] });
    expect((await waitForFinal(tenant, call.id, 40_000)).status).toBe("completed");
    const messages = await waitFor("the stop", async () => (streams.received.get("/until-hangup")?.some((m) => m.event === "stop") ? streams.received.get("/until-hangup") : null), 10_000);
    expect(messages.filter((m) => m.event === "media").length).toBeGreaterThan(100);
    expect(messages.at(-1)).toMatchObject({ event: "stop", stop: { callSid: call.id, accountSid: tenant.accountSid } });
  });
});
