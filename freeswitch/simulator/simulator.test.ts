// Behaviour of the simulator beyond the fixture replay: each magic number's outcome, inbound injection through the
// control API, real WAV recordings, ESL link loss, the ordering rules the worker relies on.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EslEvent } from "../../worker/esl/wire.ts";
import { startSimulator, type Simulator } from "./index.ts";
import { RawEslClient } from "./test-support.ts";

const TIME_SCALE = 0.05; // 20× faster
let sim: Simulator;
const recordingsDir = mkdtempSync(path.join(tmpdir(), "irisx-sim-"));

beforeAll(async () => {
  sim = await startSimulator({ eslPort: 0, controlPort: 0, timeScale: TIME_SCALE, recordingsDir });
});
afterAll(async () => sim.close());

async function connect(): Promise<RawEslClient> {
  const c = new RawEslClient(sim.eslPort);
  await c.login();
  return c;
}

/** billsec is FreeSWITCH's end_epoch - answer_epoch (whole seconds), so an N s call reports N or N+1. */
const billsecOf = (seconds: number) => new RegExp(`^(${seconds}|${seconds + 1})$`);

const forUuid = (uuid: string) => (e: EslEvent) => e.uniqueId === uuid;

/** Originates to `number` with our own uuid and Job-UUID, and waits for the channel's CHANNEL_DESTROY. */
async function call(number: string, extraVars = "") {
  const c = await connect();
  const uuid = crypto.randomUUID();
  c.send(`bgapi originate {origination_uuid=${uuid},irisx_call_id=CA123,originate_timeout=30${extraVars}}` +
    `sofia/gateway/carrier/${number} &park()\nJob-UUID: ${uuid}`);
  await c.waitEvent((e) => e.name === "CHANNEL_DESTROY" && e.uniqueId === uuid, 15_000);
  const events = c.events().filter((e) => e.uniqueId === uuid || e.jobUuid === uuid);
  c.end();
  return { uuid, events, names: events.map((e) => e.name), job: events.find((e) => e.name === "BACKGROUND_JOB")! };
}

describe("magic numbers", () => {
  it("+15005550102 answers, the far end hangs up after 2 s: NORMAL_CLEARING, recv_bye, billsec 2", async () => {
    const { uuid, names, job, events } = await call("+15005550102");
    expect(job.body).toBe(`+OK ${uuid}\n`);
    // BACKGROUND_JOB comes right after the answer sequence, before the park app starts.
    expect(names.indexOf("BACKGROUND_JOB")).toBeGreaterThan(names.indexOf("CALL_UPDATE"));
    expect(names.indexOf("BACKGROUND_JOB")).toBeLessThan(names.indexOf("CHANNEL_PARK"));
    expect(names).toContain("CHANNEL_PROGRESS");
    const done = events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!;
    expect(done.getAll("Hangup-Cause")).toEqual(["NORMAL_CLEARING", "NORMAL_CLEARING"]);
    expect(done.variable("sip_hangup_disposition")).toBe("recv_bye");
    expect(done.variable("sip_term_status")).toBe("200");
    expect(done.variable("billsec")).toMatch(billsecOf(2));
    expect(Number(done.variable("billmsec"))).toBeGreaterThanOrEqual(1900);
    expect(done.variable("irisx_call_id")).toBe("CA123");
    expect(Number(done.variable("answer_epoch"))).toBeGreaterThan(0);
  });

  it.each([
    ["+15005550200", "USER_BUSY", "486"],
    ["+15005550400", "CALL_REJECTED", "603"],
    ["+15005550404", "UNALLOCATED_NUMBER", "404"],
    ["+15005550500", "NORMAL_TEMPORARY_FAILURE", "503"],
  ])("%s fails with %s (SIP %s), BACKGROUND_JOB after CHANNEL_HANGUP_COMPLETE", async (number, cause, sip) => {
    const { names, job, events } = await call(number);
    expect(job.body).toBe(`-ERR ${cause}\n`);
    expect(names).not.toContain("CHANNEL_ANSWER");
    expect(names.indexOf("BACKGROUND_JOB")).toBe(names.indexOf("CHANNEL_HANGUP_COMPLETE") + 1);
    const done = events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!;
    expect(done.get("Hangup-Cause")).toBe(cause);
    expect(done.variable("sip_term_status")).toBe(sip);
    expect(done.variable("billsec")).toBe("0");
  });

  it("+15005550300 rings until originate_timeout: NO_ANSWER, BACKGROUND_JOB right after CHANNEL_HANGUP", async () => {
    const { names, job, events } = await call("+15005550300", ",originate_timeout=3");
    expect(job.body).toBe("-ERR NO_ANSWER\n");
    expect(names.indexOf("BACKGROUND_JOB")).toBe(names.indexOf("CHANNEL_HANGUP") + 1);
    const done = events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!;
    expect(Number(done.variable("duration"))).toBeGreaterThanOrEqual(3);
    expect(done.variable("sip_hangup_disposition")).toBe("send_cancel");
  });

  it("+15005557123 is a human who presses 1 2 3 # a second after answering", async () => {
    const { events } = await call("+15005557123");
    expect(events.filter((e) => e.name === "DTMF").map((e) => e.get("DTMF-Digit"))).toEqual(["1", "2", "3", "#"]);
    expect(events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!.variable("digits_dialed")).toBe("123#");
  });

  it("+15005550600 is a machine: avmd hears the beep 3 s in, hangs up after 10 s", async () => {
    const c = await connect();
    const uuid = crypto.randomUUID();
    c.send(`bgapi originate {origination_uuid=${uuid}}sofia/gateway/carrier/+15005550600 &park()`);
    await c.waitEvent((e) => e.name === "CHANNEL_PARK" && e.uniqueId === uuid);
    c.send(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: avmd_start`);
    const beep = await c.waitEvent((e) => e.subclass === "avmd::beep" && e.uniqueId === uuid);
    expect(beep.get("Beep-Status")).toBe("DETECTED");
    const done = await c.waitEvent((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === uuid, 15_000);
    expect(done.variable("billsec")).toMatch(billsecOf(10));
    c.end();
  });

  it("any other number answers and hangs up after 5 s", async () => {
    const { events } = await call("+14155550123");
    expect(events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!.variable("billsec")).toMatch(billsecOf(5));
  });
});

describe("api and ordering", () => {
  it("a blocking api originate answers first, then the events it caused", async () => {
    const c = await connect();
    const start = c.frames.length;
    c.send("api originate sofia/gateway/carrier/+15005550200 &park()");
    await c.waitEvent((e) => e.name === "CHANNEL_DESTROY");
    const after = c.frames.slice(start).filter((f) => f.event?.name !== "HEARTBEAT" && f.event?.name !== "RE_SCHEDULE");
    expect(after[0]!.type).toBe("api/response");
    expect(after[0]!.frame.bodyText).toBe("-ERR USER_BUSY\n");
    expect(after[1]!.event!.name).toBe("CHANNEL_OUTGOING");
    c.end();
  });

  it("answers status, show channels, uuid_exists, global_getvar and unknown commands as FreeSWITCH does", async () => {
    const c = await connect();
    const bodies: string[] = [];
    for (const cmd of ["status", "show channels as json", "uuid_exists nope", "global_getvar hostname", "nosuchcommand"]) {
      const n = c.frames.filter((f) => f.type === "api/response").length;
      c.send(`api ${cmd}`);
      await c.waitFor((fs) => fs.filter((f) => f.type === "api/response").length > n);
      bodies.push(c.frames.filter((f) => f.type === "api/response")[n]!.frame.bodyText);
    }
    expect(bodies[0]).toMatch(/^UP 0 years/);
    expect(bodies[1]).toMatch(/^\{"row_count"/);
    expect(bodies[2]).toBe("false");
    expect(bodies[3]).toBe("irisx-sim");
    expect(bodies[4]).toBe("-ERR nosuchcommand Command not found!\n");
    c.end();
  });

  it("sends HEARTBEAT then RE_SCHEDULE every 20 simulated seconds", async () => {
    const c = await connect();
    await c.waitEvent((e) => e.name === "RE_SCHEDULE", 5_000);
    const names = c.events().map((e) => e.name);
    expect(names.indexOf("RE_SCHEDULE")).toBe(names.indexOf("HEARTBEAT") + 1);
    c.end();
  });
});

describe("inbound calls through the control API", () => {
  it("POST /calls parks an inbound channel with irisx_inbound=true; the caller's digits come after the answer", async () => {
    const c = await connect();
    const res = await fetch(`${sim.controlUrl}/calls`, {
      method: "POST", body: JSON.stringify({ from: "+14155550111", to: "+15550001000", digits: "42#" }),
    });
    expect(res.status).toBe(201);
    const { uuid } = (await res.json()) as { uuid: string };
    const park = await c.waitEvent((e) => e.name === "CHANNEL_PARK" && e.uniqueId === uuid);
    expect(park.get("Call-Direction")).toBe("inbound");
    expect(park.variable("irisx_inbound")).toBe("true");
    expect(park.get("Caller-Destination-Number")).toBe("+15550001000");
    expect(park.get("Caller-Caller-ID-Number")).toBe("+14155550111");
    const list = (await (await fetch(`${sim.controlUrl}/channels`)).json()) as { channels: Array<{ uuid: string }> };
    expect(list.channels.map((ch) => ch.uuid)).toContain(uuid);

    c.send(`api uuid_answer ${uuid}`);
    await c.waitEvent((e) => e.name === "CHANNEL_ANSWER" && e.uniqueId === uuid);
    c.send(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: play_and_get_digits\n` +
      "execute-app-arg: 1 4 1 5000 # silence_stream://250 silence_stream://250 collected_digits \\d+ 3000");
    const done = await c.waitEvent((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.get("Application") === "play_and_get_digits");
    expect(done.variable("collected_digits")).toBe("42");
    expect(done.variable("read_result")).toBe("success");

    const hangup = await fetch(`${sim.controlUrl}/calls/${uuid}/hangup`, { method: "POST" });
    expect(hangup.status).toBe(200);
    const complete = await c.waitEvent((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === uuid);
    expect(complete.variable("sip_hangup_disposition")).toBe("recv_bye");
    c.end();
  });

  it("rejects a call without from/to", async () => {
    const res = await fetch(`${sim.controlUrl}/calls`, { method: "POST", body: JSON.stringify({ to: "1" }) });
    expect(res.status).toBe(400);
  });
});

describe("recordings", () => {
  it("uuid_record writes a real stereo 8 kHz WAV as long as the recorded time", async () => {
    const c = await connect();
    const uuid = crypto.randomUUID();
    c.send(`bgapi originate {origination_uuid=${uuid},RECORD_STEREO=true}sofia/gateway/carrier/+15005550100 &park()`);
    await c.waitEvent((e) => e.name === "CHANNEL_PARK" && e.uniqueId === uuid);
    const file = path.join(recordingsDir, "tenant-a", `${uuid}.wav`);
    c.send(`api uuid_record ${uuid} start ${file}`);
    const start = await c.waitEvent((e) => e.name === "RECORD_START" && e.uniqueId === uuid);
    await new Promise((r) => setTimeout(r, 3 * 1000 * TIME_SCALE));
    c.send(`api uuid_record ${uuid} stop ${file}`);
    const stop = await c.waitEvent((e) => e.name === "RECORD_STOP" && e.uniqueId === uuid);
    const wav = readFileSync(file);
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.toString("ascii", 8, 12)).toBe("WAVE");
    expect(wav.readUInt16LE(20)).toBe(1); // PCM
    expect(wav.readUInt16LE(22)).toBe(2); // stereo
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt16LE(34)).toBe(16);
    const seconds = wav.readUInt32LE(40) / (8000 * 2 * 2);
    expect(seconds).toBeGreaterThan(2.5);
    // The length is the simulated time between RECORD_START and RECORD_STOP (timestamps in µs).
    const recorded = (Number(stop.get("Event-Date-Timestamp")) - Number(start.get("Event-Date-Timestamp"))) / 1e6;
    expect(Math.abs(seconds - recorded)).toBeLessThan(0.05);
    expect(Number(stop.variable("record_ms")) / 1000).toBeCloseTo(seconds, 1);
    // Audible: not silence.
    let peak = 0;
    for (let i = 44; i < Math.min(wav.length, 44 + 16000); i += 2) peak = Math.max(peak, Math.abs(wav.readInt16LE(i)));
    expect(peak).toBeGreaterThan(3000);
    c.send(`api uuid_kill ${uuid}`);
    await c.waitEvent((e) => e.name === "CHANNEL_DESTROY" && e.uniqueId === uuid);
    c.end();
  });
});

describe("link loss", () => {
  it("POST /esl/drop closes every ESL socket; calls carry on and a new connection sees them", async () => {
    const c = await connect();
    const uuid = crypto.randomUUID();
    c.send(`bgapi originate {origination_uuid=${uuid}}sofia/gateway/carrier/+15005550100 &park()`);
    await c.waitEvent((e) => e.name === "CHANNEL_PARK" && e.uniqueId === uuid);
    const res = (await (await fetch(`${sim.controlUrl}/esl/drop`, { method: "POST" })).json()) as { dropped: number };
    expect(res.dropped).toBeGreaterThanOrEqual(1);
    await c.waitClosed();
    const again = await connect();
    again.send(`api uuid_exists ${uuid}`);
    await again.waitFor((fs) => fs.some((f) => f.type === "api/response"));
    expect(again.frames.find((f) => f.type === "api/response")!.frame.bodyText).toBe("true");
    again.send(`api uuid_kill ${uuid}`);
    await again.waitEvent(forUuid(uuid));
    again.end();
  });

  it("a wrong password gets -ERR invalid and a disconnect notice", async () => {
    const c = new RawEslClient(sim.eslPort);
    await c.waitFor((fs) => fs.length >= 1);
    c.send("auth nope");
    await c.waitClosed();
    expect(c.frames.map((f) => f.type)).toEqual(["auth/request", "command/reply", "text/disconnect-notice"]);
    expect(c.frames[1]!.frame.get("Reply-Text")).toBe("-ERR invalid");
  });
});
