// The simulator's applications against what FreeSWITCH 1.10.12 did in the captures of
// freeswitch/real-switch/capture (fixtures 19-22): DTMF against playback/speak, uuid_break [all], send_dtmf and
// uuid_send_dtmf, record's endings and variables, bridge outcomes and the A leg's variables, conferences.
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EslEvent } from "../../worker/esl/wire.ts";
import { startSimulator, type Simulator } from "./index.ts";
import { RawEslClient } from "./test-support.ts";

const TIME_SCALE = 0.05;
let sim: Simulator;
const recordingsDir = mkdtempSync(path.join(tmpdir(), "irisx-sim-apps-"));

beforeAll(async () => {
  sim = await startSimulator({ eslPort: 0, controlPort: 0, timeScale: TIME_SCALE, recordingsDir });
});
afterAll(async () => sim.close());

/** An answered inbound call and an ESL session watching it; `run` sends an app (event-lock, as the worker does). */
async function call() {
  const c = new RawEslClient(sim.eslPort);
  await c.login();
  const uuid = sim.injectInbound({ from: "+14155550100", to: "+15005550006" });
  await c.waitEvent((e) => e.name === "CHANNEL_PARK" && e.uniqueId === uuid);
  c.send(`api uuid_answer ${uuid}`);
  await c.waitEvent((e) => e.name === "CHANNEL_ANSWER" && e.uniqueId === uuid);
  const run = (app: string, arg: string) => {
    const id = crypto.randomUUID();
    c.send(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: ${app}\nexecute-app-arg: ${arg}\nevent-lock: true\nEvent-UUID: ${id}`);
    return id;
  };
  const completed = (id: string, timeoutMs = 10_000) =>
    c.waitEvent((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.get("Application-UUID") === id, timeoutMs);
  const api = async (cmd: string) => {
    const before = c.frames.filter((f) => f.type === "api/response").length;
    c.send(`api ${cmd}`);
    await c.waitFor((fs) => fs.filter((f) => f.type === "api/response").length > before);
    return c.frames.filter((f) => f.type === "api/response")[before]!.frame.bodyText;
  };
  const ch = () => sim.channels.get(uuid)!;
  const press = (digits: string) => sim.switch.pressDigits(ch(), digits);
  const of = (name: string, id = uuid) => c.events().filter((e) => e.name === name && e.uniqueId === id);
  return { c, uuid, run, completed, api, ch, press, of };
}

const wait = (simSeconds: number) => new Promise((r) => setTimeout(r, simSeconds * 1000 * TIME_SCALE));
const simSecondsBetween = (a: EslEvent, b: EslEvent) =>
  (Number(b.get("Event-Date-Timestamp")) - Number(a.get("Event-Date-Timestamp"))) / 1e6;

describe("sendmsg execute", () => {
  it("carries the Event-UUID as Application-UUID on CHANNEL_EXECUTE and CHANNEL_EXECUTE_COMPLETE (fixture 19)", async () => {
    const t = await call();
    const id = t.run("set", "playback_terminators=#");
    const done = await t.completed(id);
    expect(done.get("Application-Response")).toBe("_none_");
    expect(t.of("CHANNEL_EXECUTE").find((e) => e.get("Application-UUID") === id)?.get("Application")).toBe("set");
    t.c.end();
  });
});

describe("DTMF and uuid_break against playback and speak (fixture 19)", () => {
  it("a playback_terminators digit ends a playback (FILE PLAYED, Playback-Status break, playback_terminator_used); another digit does not", async () => {
    const t = await call();
    await t.completed(t.run("set", "playback_terminators=#"));
    const id = t.run("playback", "tone_stream://%(10000,0,440)");
    await t.c.waitEvent((e) => e.name === "PLAYBACK_START" && e.uniqueId === t.uuid);
    t.press("1");
    await wait(1);
    expect(t.of("PLAYBACK_STOP")).toHaveLength(0);
    t.press("#");
    const done = await t.completed(id);
    expect(done.get("Application-Response")).toBe("FILE PLAYED");
    expect(done.variable("playback_terminator_used")).toBe("#");
    expect(t.of("PLAYBACK_STOP")[0]!.get("Playback-Status")).toBe("break");
    t.c.end();
  });

  it("speak ends on the terminator too, with _none_", async () => {
    const t = await call();
    await t.completed(t.run("set", "playback_terminators=#"));
    const id = t.run("speak", "flite|kal|This sentence is long enough to take several seconds to speak out loud.");
    await wait(1);
    t.press("#");
    const done = await t.completed(id);
    expect(done.get("Application-Response")).toBe("_none_");
    expect(done.variable("playback_terminator_used")).toBe("#");
    expect(simSecondsBetween(t.of("CHANNEL_EXECUTE").at(-1)!, done)).toBeLessThan(2);
    t.c.end();
  });

  it("uuid_break ends the running app and the next queued one starts; `all` also drops the queue", async () => {
    const t = await call();
    const [a, b, c] = [1, 2, 3].map(() => t.run("playback", "tone_stream://%(10000,0,440)"));
    await t.c.waitEvent((e) => e.name === "PLAYBACK_START");
    expect(await t.api(`uuid_break ${t.uuid}`)).toBe("+OK\n");
    expect((await t.completed(a!)).get("Application-Response")).toBe("FILE PLAYED");
    await t.c.waitEvent((e) => e.name === "CHANNEL_EXECUTE" && e.get("Application-UUID") === b);
    await wait(0.5);
    await t.api(`uuid_break ${t.uuid} all`);
    await t.completed(b!);
    await wait(1);
    expect(t.of("CHANNEL_EXECUTE").some((e) => e.get("Application-UUID") === c)).toBe(false);
    expect(t.ch().application).toBe("playback"); // the last app run; the channel is still parked
    expect(await t.api("uuid_break 00000000-0000-0000-0000-000000000000")).toBe("-ERR No such channel!\n");
    t.c.end();
  });
});

describe("send_dtmf and uuid_send_dtmf: the far end receives the digits (fixture 19)", () => {
  it("send_dtmf waits for w (0.5 s) and W (1 s) pauses; GET /dtmf shows what the far end received", async () => {
    const t = await call();
    const id = t.run("send_dtmf", "12w3W#");
    const done = await t.completed(id);
    const started = t.of("CHANNEL_EXECUTE").find((e) => e.get("Application-UUID") === id)!;
    expect(simSecondsBetween(started, done)).toBeGreaterThanOrEqual(1.5);
    expect(await t.api(`uuid_send_dtmf ${t.uuid} 45`)).toBe(`+OK ${t.uuid} sent DTMF 45.\n`);
    await wait(0.5);
    const res = await fetch(`${sim.controlUrl}/dtmf?uuid=${t.uuid}`);
    const body = (await res.json()) as { dtmf: { digit: string }[] };
    expect(body.dtmf.map((d) => d.digit).join("")).toBe("123#45");
    t.c.end();
  });

  it("POST /calls/{uuid}/dtmf: the far end presses keys (DTMF events on the channel)", async () => {
    const t = await call();
    const res = await fetch(`${sim.controlUrl}/calls/${t.uuid}/dtmf`, { method: "POST", body: JSON.stringify({ digits: "7#" }) });
    expect(res.status).toBe(200);
    await t.c.waitFor(() => t.of("DTMF").length === 2);
    expect(t.of("DTMF").map((e) => e.get("DTMF-Digit"))).toEqual(["7", "#"]);
    const bad = await fetch(`${sim.controlUrl}/calls/${t.uuid}/dtmf`, { method: "POST", body: JSON.stringify({ digits: "x" }) });
    expect(bad.status).toBe(400);
    t.c.end();
  });
});

describe("record (fixture 20)", () => {
  it("a playback_terminators key ends it: RECORD_STOP with the path only, record_* variables, the WAV written", async () => {
    const t = await call();
    await t.completed(t.run("set", "playback_terminators=#"));
    const file = path.join(recordingsDir, "key.wav");
    const id = t.run("record", `${file} 20`);
    await t.c.waitEvent((e) => e.name === "RECORD_START" && e.uniqueId === t.uuid);
    await wait(1.5);
    t.press("#");
    const done = await t.completed(id);
    expect(done.get("Application-Response")).toBe("_none_");
    const stop = t.of("RECORD_STOP")[0]!;
    expect(stop.get("Record-File-Path")).toBe(file);
    expect(stop.get("Record-Completion-Cause")).toBeUndefined();
    expect(stop.variable("playback_terminator_used")).toBe("#");
    expect(stop.variable("silence_hits_exhausted")).toBe("false");
    const ms = Number(stop.variable("record_ms"));
    expect(ms).toBeGreaterThan(1300);
    expect(ms).toBeLessThan(2500);
    expect(Math.floor(Number(stop.variable("record_samples")) / 8)).toBe(ms);
    expect(stop.variable("record_seconds")).toBe(String(Math.floor(ms / 1000)));
    expect(Number(stop.variable("record_file_size"))).toBe(statSync(file).size);
    expect(t.of("MEDIA_BUG_START")).toHaveLength(0);
    t.c.end();
  });

  it("the limit is checked in whole seconds: `record … 2` ends after more than 2 and at most 3 s", async () => {
    const t = await call();
    const id = t.run("record", `${path.join(recordingsDir, "limit.wav")} 2`);
    const done = await t.completed(id);
    const ms = Number(done.variable("record_ms"));
    expect(ms).toBeGreaterThan(2000);
    expect(ms).toBeLessThanOrEqual(3000);
    t.c.end();
  });

  it("silence: a threshold and 2 s of a quiet far end end it (silence_hits_exhausted); the far end talking pushes it back", async () => {
    const t = await call();
    const quiet = t.run("record", `${path.join(recordingsDir, "quiet.wav")} 20 200 2`);
    const q = await t.completed(quiet);
    expect(q.variable("silence_hits_exhausted")).toBe("true");
    expect(Math.abs(Number(q.variable("record_ms")) - 2000)).toBeLessThan(300);
    const talking = t.run("record", `${path.join(recordingsDir, "talking.wav")} 20 200 2`);
    await fetch(`${sim.controlUrl}/calls/${t.uuid}/talk`, { method: "POST", body: JSON.stringify({ seconds: 3 }) });
    const d = await t.completed(talking);
    expect(Number(d.variable("record_ms"))).toBeGreaterThan(4500);
    t.c.end();
  });

  it("a hangup ends it with RECORD_STOP and the file; an unwritable path hangs up with DESTINATION_OUT_OF_ORDER", async () => {
    const t = await call();
    const file = path.join(recordingsDir, "hangup.wav");
    const id = t.run("record", `${file} 20`);
    await t.c.waitEvent((e) => e.name === "RECORD_START" && e.uniqueId === t.uuid);
    await wait(1);
    sim.switch.remoteBye(t.ch());
    await t.completed(id);
    expect(t.of("RECORD_STOP")).toHaveLength(1);
    expect(existsSync(file)).toBe(true);
    const u = await call();
    u.run("record", `${file}/under-a-file.wav 5`);
    const gone = await u.c.waitEvent((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === u.uuid);
    expect(gone.get("Hangup-Cause")).toBe("DESTINATION_OUT_OF_ORDER");
    expect(u.of("RECORD_START")).toHaveLength(0);
    t.c.end();
    u.c.end();
  });
});

describe("bridge (fixture 21)", () => {
  const GW = "sofia/gateway/twilio";

  it("busy with continue_on_fail: _none_, DIALSTATUS BUSY and the originate variables; the b-leg had its own variables", async () => {
    const t = await call();
    await t.completed(t.run("set", "continue_on_fail=true"));
    const b = crypto.randomUUID();
    const done = await t.completed(t.run("bridge", `{origination_uuid=${b},irisx_call_id=c-busy}${GW}/+15005550200`));
    expect(done.get("Application-Response")).toBe("_none_");
    expect(done.variable("DIALSTATUS")).toBe("BUSY");
    expect(done.variable("originate_disposition")).toBe("USER_BUSY");
    expect(done.variable("originate_failed_cause")).toBe("USER_BUSY");
    expect(done.variable("last_bridge_hangup_cause")).toBe("USER_BUSY");
    expect(done.variable("last_bridge_proto_specific_hangup_cause")).toBe("sip:486");
    expect(done.variable("sip_invite_failure_status")).toBe("486");
    expect(done.variable("originate_causes")).toBe(`${b};USER_BUSY`);
    expect(done.variable("originated_legs")).toBe(`${b};Outbound Call;+15005550200`);
    const created = t.c.events().find((e) => e.name === "CHANNEL_CREATE" && e.uniqueId === b)!;
    expect(created.get("Channel-Name")).toBe("sofia/external/+15005550200");
    expect(created.get("Other-Type")).toBe("originator");
    expect(created.get("Other-Leg-Unique-ID")).toBe(t.uuid);
    expect(created.variable("irisx_call_id")).toBe("c-busy");
    expect(t.ch().hungUp).toBe(false);
    t.c.end();
  });

  it("busy without continue_on_fail hangs the A leg up with the cause", async () => {
    const t = await call();
    t.run("bridge", `${GW}/+15005550200`);
    const gone = await t.c.waitEvent((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === t.uuid);
    expect(gone.get("Hangup-Cause")).toBe("USER_BUSY");
    t.c.end();
  });

  it("leg_timeout ends the leg with ALLOTTED_TIMEOUT; call_timeout with NO_ANSWER (DIALSTATUS NOANSWER)", async () => {
    const t = await call();
    await t.completed(t.run("set", "continue_on_fail=true"));
    const legTimeout = await t.completed(t.run("bridge", `[leg_timeout=3]${GW}/+15005550300`), 15_000);
    expect(legTimeout.variable("DIALSTATUS")).toBe("ALLOTTED_TIMEOUT");
    await t.completed(t.run("set", "call_timeout=2"));
    const started = Date.now();
    const callTimeout = await t.completed(t.run("bridge", `${GW}/+15005550300`), 15_000);
    expect(callTimeout.variable("DIALSTATUS")).toBe("NOANSWER");
    expect(callTimeout.variable("originate_disposition")).toBe("NO_ANSWER");
    expect(Date.now() - started).toBeLessThan(3 * 1000 * TIME_SCALE + 500);
    t.c.end();
  });

  it("ring at once: the first to answer wins, the other hangs up LOSE_RACE; the far end hangs up, the A leg goes on", async () => {
    const t = await call();
    const [r1, r2] = [crypto.randomUUID(), crypto.randomUUID()];
    const id = t.run("bridge", `[origination_uuid=${r1}]${GW}/+15005550300,[origination_uuid=${r2},irisx_call_id=c-2]${GW}/+15005550103`);
    const bridged = await t.c.waitEvent((e) => e.name === "CHANNEL_BRIDGE" && e.uniqueId === t.uuid);
    expect(bridged.get("Bridge-B-Unique-ID")).toBe(r2);
    const loser = await t.c.waitEvent((e) => e.name === "CHANNEL_HANGUP" && e.uniqueId === r1);
    expect(loser.get("Hangup-Cause")).toBe("LOSE_RACE");
    const done = await t.completed(id, 15_000);
    expect(t.of("CHANNEL_UNBRIDGE")).toHaveLength(1);
    expect(done.variable("DIALSTATUS")).toBe("SUCCESS");
    expect(done.variable("bridge_uuid")).toBe(r2);
    expect(done.variable("last_bridge_to")).toBe(r2);
    expect(done.variable("bridge_channel")).toBe("sofia/external/+15005550103");
    expect(done.variable("bridge_hangup_cause")).toBe("NORMAL_CLEARING");
    expect(done.variable("last_sent_callee_id_number")).toBe("+15005550103");
    await wait(1);
    expect(t.ch().hungUp).toBe(false);
    t.c.end();
  });

  it("one after another: busy, then the next answers; hangup_after_bridge=true hangs the A leg up after", async () => {
    const t = await call();
    await t.completed(t.run("set", "hangup_after_bridge=true"));
    const id = t.run("bridge", `${GW}/+15005550200|${GW}/+15005550102`);
    const done = await t.completed(id, 15_000);
    expect(done.variable("DIALSTATUS")).toBe("SUCCESS");
    const gone = await t.c.waitEvent((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === t.uuid);
    expect(gone.get("Hangup-Cause")).toBe("NORMAL_CLEARING");
    t.c.end();
  });

  it("the caller hanging up ends the b-leg (NORMAL_CLEARING), CHANNEL_UNBRIDGE", async () => {
    const t = await call();
    const b = crypto.randomUUID();
    t.run("bridge", `{origination_uuid=${b}}${GW}/+15005550100`);
    await t.c.waitEvent((e) => e.name === "CHANNEL_BRIDGE" && e.uniqueId === t.uuid);
    sim.switch.remoteBye(t.ch());
    const bGone = await t.c.waitEvent((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === b);
    expect(bGone.get("Hangup-Cause")).toBe("NORMAL_CLEARING");
    await t.c.waitEvent((e) => e.name === "CHANNEL_UNBRIDGE" && e.uniqueId === t.uuid);
    t.c.end();
  });
});

describe("conference (fixture 22)", () => {
  it("flags, list, mute/unmute, kick, hup; endconf hangs the others up and the room is destroyed", async () => {
    const legs = [await call(), await call(), await call(), await call()];
    const flags = ["+flags{moderator|endconf}", "+flags{mute}", "", ""];
    const ids = legs.map((l, i) => l.run("conference", `room22@default${flags[i]}`));
    const c = legs[0]!;
    const maint = (action: string) => c.c.events().filter((e) => e.subclass === "conference::maintenance" && e.get("Action") === action);
    await c.c.waitFor(() => maint("add-member").length === 4);
    expect(maint("add-member").map((e) => e.get("Member-ID"))).toEqual(["1", "2", "3", "4"]);
    expect(maint("add-member").map((e) => e.get("Conference-Size"))).toEqual(["1", "2", "3", "4"]);
    expect(maint("add-member")[0]!.get("Member-Type")).toBe("moderator");
    expect(maint("add-member")[1]!.get("Speak")).toBe("false");
    const list = await c.api("conference room22 list");
    expect(list.split("\n")[0]).toMatch(/^4;/);
    expect(list).toMatch(/\n2;[^;]*;[^;]*;[^;]*;[^;]*;hear;/);
    expect(await c.api("conference room22 list count")).toBe("4");
    expect(await c.api("conference room22 mute 3")).toBe("+OK mute 3\n");
    expect(await c.api("conference room22 unmute 3")).toBe("+OK unmute 3\n");
    expect(await c.api("conference room22 mute 99")).toBe("-ERR Non-Existant ID 99\n");
    expect(await c.api("conference nosuch list")).toBe("-ERR Conference nosuch not found\n");
    expect(await c.api("conference room22 kick 3")).toBe("+OK kicked 3\n");
    await legs[2]!.completed(ids[2]!);
    expect(await c.api("conference room22 hup 4")).toBe("+OK hup 4\n");
    await legs[3]!.completed(ids[3]!);
    expect(legs[2]!.ch().hungUp).toBe(false);
    expect(maint("mute-member")).toHaveLength(1);
    expect(maint("kick-member")).toHaveLength(1);
    expect(maint("hup-member")).toHaveLength(1);
    sim.switch.remoteBye(legs[0]!.ch());
    const other = await c.c.waitEvent((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === legs[1]!.uuid);
    expect(other.get("Hangup-Cause")).toBe("NORMAL_CLEARING");
    await c.c.waitFor(() => maint("conference-destroy").length === 1);
    expect(await c.api("conference room22 list")).toBe("-ERR Conference room22 not found\n");
    for (const l of legs) l.c.end();
  });
});
