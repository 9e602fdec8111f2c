// Audio on the real switch: a `play` URL (JSON) and TwiML <Play> are heard (the worker fetches the file through
// the SSRF guard and the switch plays it from the media folder: it has no http file module), a source that cannot
// be played is recorded on the call, a tenant plays its own recording by id, and a recording covers the whole call
// even when nothing is written to the channel for seconds (send_silence_when_idle).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildWav } from "../simulator/wav";
import { callEventsOf, createVoiceTenant, describeRealSwitch, EslTap, placeCall, rest, stackInfo, waitFor, waitForFinal, type VoiceTenant } from "./harness/fixtures";
import { analyseWav } from "./harness/wav-analysis";

describeRealSwitch("audio on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;
  let audio: Server;
  const hits: string[] = [];

  beforeAll(async () => {
    tenant = await createVoiceTenant();
    tap = await EslTap.open();
    audio = createServer((req, res) => {
      hits.push(req.url ?? "");
      if (req.url === "/tone.wav") return void res.writeHead(200, { "Content-Type": "audio/wav", "Cache-Control": "max-age=300" }).end(buildWav(1.5, 1));
      if (req.url === "/twiml") {
        return void res
          .writeHead(200, { "Content-Type": "text/xml" })
          .end(`<?xml version="1.0"?><Response><Play>${audioUrl("/tone.wav")}</Play><Play>${audioUrl("/gone.wav")}</Play><Hangup/></Response>`);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => audio.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await tap.close();
    await new Promise((resolve) => audio.close(resolve));
  });

  const audioUrl = (path: string) => `http://127.0.0.1:${(audio.address() as AddressInfo).port}${path}`;

  /** The playbacks the switch ran for a call: the file it opened and whether it played. */
  async function playbacksOf(callId: string, count: number) {
    return waitFor(`${count} playback(s) of ${callId}`, async () => {
      const done = tap.events.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === callId && e.get("Application") === "playback");
      return done.length >= count ? done.map((e) => ({ file: e.get("Application-Data") ?? "", response: e.get("Application-Response") })) : null;
    });
  }

  it.concurrent("a play URL is fetched by the worker and heard: the switch plays a file of the media folder (FILE PLAYED)", async () => {
    const call = await placeCall(tenant, { to: "+15005550100", instructions: [{ play: audioUrl("/tone.wav") }, { play: "builtin:beep" }] });
    expect((await waitForFinal(tenant, call.id, 30_000)).status).toBe("completed");
    const [file, tone] = await playbacksOf(call.id, 2);
    expect(file!.file.startsWith(stackInfo().mediaDir)).toBe(true);
    expect(file!.response).toBe("FILE PLAYED");
    expect(tone).toEqual({ file: "tone_stream://%(250,0,1000)", response: "FILE PLAYED" });
    // PLAYBACK_STOP says it played to the end.
    const stop = tap.events.find((e) => e.name === "PLAYBACK_STOP" && e.get("Playback-File-Path") === file!.file);
    expect(stop?.get("Playback-Status")).toBe("done");
    expect((await callEventsOf(call.id)).filter((e) => e.type === "debugger.error")).toEqual([]);
  });

  it.concurrent("TwiML <Play> from a voice URL is heard; a URL that answers 404 is recorded as a failed playback and the call goes on", async () => {
    const call = await placeCall(tenant, { to: "+15005550100", url: audioUrl("/twiml") });
    expect((await waitForFinal(tenant, call.id, 30_000)).status).toBe("completed");
    const [played] = await playbacksOf(call.id, 1);
    expect(played!.response).toBe("FILE PLAYED");
    const failed = await waitFor("the failed playback", async () => (await callEventsOf(call.id)).find((e) => e.type === "debugger.error"));
    expect(failed.data).toMatchObject({ code: 11200, verb: "play" });
    expect(String((failed.data as { message: string }).message)).toContain(audioUrl("/gone.wav"));
    expect(String((failed.data as { message: string }).message)).toContain("HTTP 404");
  });

  it("a recording covers the whole call: [pause 2, say, pause 4, hangup] with the far end talking throughout", async () => {
    const call = await placeCall(tenant, { to: "+15005550100", record: true, instructions: [{ pause: 2 }, { say: "this is a recording test" }, { pause: 4 }, { hangup: true }] });
    const final = await waitForFinal(tenant, call.id, 45_000);
    expect(final.status).toBe("completed");
    const recordings = await waitFor("the completed recording", async () => {
      const list = await rest<{ data: { id: string; status: string; duration: number | null }[] }>(tenant, "GET", `/api/v1/recordings?call_id=${call.id}`);
      const done = list.body.data.filter((r) => r.status === "completed");
      return done.length ? done : null;
    });
    const media = await fetch(`${stackInfo().appUrl}/api/v1/recordings/${recordings[0]!.id}/media`, { headers: { Authorization: `Bearer ${tenant.bearer}` } });
    expect(media.status).toBe(200);
    const wav = analyseWav(Buffer.from(await media.arrayBuffer()));
    const talk = Number(final.billsec);
    expect(talk).toBeGreaterThanOrEqual(7);
    // The file lasts as long as the call was up (within a second), not just to the end of the first prompt.
    expect(wav.seconds).toBeGreaterThan(talk - 1);
    expect(wav.seconds).toBeLessThan(talk + 1.5);
    // The far end's tone (left channel: what the switch received) is there in the last two seconds too.
    expect(wav.rms(0, wav.seconds - 2.5, wav.seconds - 0.5)).toBeGreaterThan(500);
  });

  it("a tenant plays its own recording by id; another tenant's id is refused and recorded", async () => {
    const source = await placeCall(tenant, { to: "+15005550100", record: true, instructions: [{ say: "remember this" }, { hangup: true }] });
    await waitForFinal(tenant, source.id, 30_000);
    const recordingId = await waitFor("the recording", async () => {
      const list = await rest<{ data: { id: string; status: string }[] }>(tenant, "GET", `/api/v1/recordings?call_id=${source.id}`);
      return list.body.data.find((r) => r.status === "completed")?.id;
    });
    const other = await createVoiceTenant();
    const call = await placeCall(tenant, { to: "+15005550100", instructions: [{ play: `recording:${recordingId}` }] });
    const foreign = await placeCall(other, { to: "+15005550100", instructions: [{ play: `recording:${recordingId}` }, { say: "next" }] });
    await Promise.all([waitForFinal(tenant, call.id, 30_000), waitForFinal(other, foreign.id, 30_000)]);
    const [own] = await playbacksOf(call.id, 1);
    expect(own!.response).toBe("FILE PLAYED");
    const refused = await waitFor("the refusal", async () => (await callEventsOf(foreign.id)).find((e) => e.type === "debugger.error"));
    expect(String((refused.data as { message: string }).message)).toContain(`recording:${recordingId}`);
    expect(tap.events.some((e) => e.name === "CHANNEL_EXECUTE" && e.variable("irisx_call_id") === foreign.id && e.get("Application") === "playback")).toBe(false);
  });
});
