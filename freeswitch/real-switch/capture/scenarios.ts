// The scenarios of capture-apps.ts, one fixture folder each (freeswitch/fixtures/esl/19-… 22-…).
import type { EslEvent } from "../../../worker/esl/wire.ts";
import type { RecordedSession } from "./session";

export interface ScenarioEnv {
  recordingsDir: string;
  uuid(): string;
}

export interface Scenario {
  title: string;
  run(s: RecordedSession, env: ScenarioEnv): Promise<void>;
}

const TONE_10S = "tone_stream://%(10000,0,440)";
const LONG_TEXT = "This sentence is long enough to take several seconds for the flite engine to speak out loud to the caller.";
const GATEWAY = "sofia/gateway/twilio";
/** A loopback leg's codec is L16, which the carrier does not answer: the b-legs offer what it takes. */
const CODEC = "{absolute_codec_string=PCMA}";

/** A call under control: A (loopback/N-a, parked, the channel the apps run on) and its far end B (loopback/N-b,
 *  parked by the public dialplan and answered here), whose uuid_send_dtmf reaches A as the caller's key presses. */
async function loopbackCall(s: RecordedSession, env: ScenarioEnv, n: number): Promise<{ a: string; b: string }> {
  const a = env.uuid();
  s.send(`bgapi originate {origination_uuid=${a},irisx_call_id=call-${n}}loopback/${n}/public &park()`, `call ${n}: leg A, its far end B goes through the public dialplan`);
  const park = await s.waitEvent((e) => e.name === "CHANNEL_PARK" && e.get("Channel-Name") === `loopback/${n}-b`, `B of ${n} parked`);
  const b = park.get("Unique-ID")!;
  await s.api(`uuid_answer ${b}`, `answer B of ${n}`);
  await s.waitEvent((e) => e.name === "CHANNEL_PARK" && e.get("Unique-ID") === a, `A of ${n} parked`);
  return { a, b };
}

/** A loopback call whose A leg ends playback, speak and record on `#`. */
async function callEndingOnPound(s: RecordedSession, env: ScenarioEnv, n: number): Promise<{ a: string; b: string }> {
  await s.api("load mod_loopback", "loopback legs as far ends (not in the project's modules.conf)");
  const legs = await loopbackCall(s, env, n);
  const t = env.uuid();
  s.execute(legs.a, "set", "playback_terminators=#", t, "a # ends a playback, speak or record");
  await s.complete(t, "set");
  return legs;
}

/** Three 10 s playbacks sent at once, then uuid_break, then uuid_break all. */
async function breakThree(s: RecordedSession, env: ScenarioEnv, a: string, eventLock: boolean): Promise<void> {
  const ids = [env.uuid(), env.uuid(), env.uuid()];
  const how = eventLock ? "with event-lock" : "without event-lock";
  ids.forEach((id, i) => s.execute(a, "playback", TONE_10S, id, `playback ${i + 1} of 3, ${how}`, eventLock));
  await s.pause(1000, "first playing");
  await s.api(`uuid_break ${a}`, "break the current app only");
  await s.complete(ids[0]!, "first playback broken");
  await s.pause(1000, "second playing?");
  await s.api(`uuid_break ${a} all`, "break the current app and flush the queue");
  await s.complete(ids[1]!, "second playback broken");
  await s.pause(1500, "does the third run?");
  await s.api(`uuid_break ${a} all`, "break again, in case the third runs");
  await s.pause(500, "");
}

const isEvent = (name: string, uuid: string) => (e: EslEvent) => e.name === name && e.get("Unique-ID") === uuid;

export const SCENARIOS: Record<string, Scenario> = {
  "19-playback-speak-break-dtmf": {
    title: "DTMF ends playback/speak per playback_terminators; uuid_break and uuid_break all; send_dtmf and uuid_send_dtmf reach the far end",
    async run(s, env) {
      const { a, b } = await callEndingOnPound(s, env, 1901);
      const p1 = env.uuid();
      s.execute(a, "playback", TONE_10S, p1, "10 s tone");
      await s.pause(1000, "tone playing");
      await s.api(`uuid_send_dtmf ${b} 1`, "far end presses 1 (not a terminator)");
      await s.pause(600, "");
      await s.api(`uuid_send_dtmf ${b} #`, "far end presses # (the terminator)");
      await s.complete(p1, "playback ended by #");
      await s.api(`uuid_getvar ${a} playback_terminator_used`, "which key ended it");
      const s1 = env.uuid();
      s.execute(a, "speak", `flite|kal|${LONG_TEXT}`, s1, "flite speaks a long sentence");
      await s.pause(1200, "speaking");
      await s.api(`uuid_send_dtmf ${b} #`, "far end presses #");
      await s.complete(s1, "speak ended by #?", 20_000);
      await breakThree(s, env, a, false);
      await breakThree(s, env, a, true);
      const s2 = env.uuid();
      s.execute(a, "speak", `flite|kal|${LONG_TEXT}`, s2, "speak again");
      await s.pause(1000, "speaking");
      await s.api(`uuid_break ${a}`, "break speak");
      await s.complete(s2, "speak broken", 20_000);
      const d1 = env.uuid();
      s.execute(a, "send_dtmf", "12w3W#", d1, "send_dtmf with a 500 ms (w) and a 1 s (W) pause");
      await s.complete(d1, "send_dtmf", 20_000);
      await s.pause(1000, "far end receives");
      await s.api(`uuid_send_dtmf ${a} 45`, "uuid_send_dtmf on A: to A's far end");
      await s.pause(1500, "far end receives");
      await s.api(`uuid_send_dtmf ${a} 6@400`, "uuid_send_dtmf with a duration");
      await s.pause(1000, "far end receives");
    },
  },
  "20-record": {
    title: "record ended by a playback_terminators key, by its limit, by silence and by hangup; its variables",
    async run(s, env) {
      const { a, b } = await callEndingOnPound(s, env, 2001);
      /** One recording: `during` (after `pressAfterMs`) presses a key on the far end; then A's variables. */
      const recording = async (args: string, why: string, pressAfterMs?: number) => {
        const id = env.uuid();
        s.execute(a, "record", `${env.recordingsDir}/${args}`, id, why);
        if (pressAfterMs !== undefined) {
          await s.pause(pressAfterMs, "recording");
          await s.api(`uuid_send_dtmf ${b} #`, "far end presses #");
        }
        await s.complete(id, why, 30_000);
        await s.api(`uuid_dump ${a}`, `variables after: ${why}`);
      };
      await recording("r1-key.wav 20", "record, limit 20 s, ended by #", 1500);
      await recording("r2-limit.wav 2", "record, limit 2 s");
      await recording("r3-silence.wav 20 200 2", "record, limit 20 s, silence threshold 200, 2 s of silence");
      s.execute(a, "set", "playback_terminators=none", env.uuid(), "no key ends it");
      await recording("r4-none.wav 2", "record with playback_terminators=none: # ignored?", 700);
      const r5 = env.uuid();
      s.execute(a, "record", `${env.recordingsDir}/r5-hangup.wav 20`, r5, "record, limit 20 s");
      await s.pause(1500, "recording");
      await s.api(`uuid_kill ${b}`, "the far end hangs up");
      await s.waitEvent(isEvent("CHANNEL_HANGUP_COMPLETE", a), "A hung up");
    },
  },
  "21-bridge": {
    title: "bridge: busy, leg_timeout, call_timeout, ring at once (,), one after another (|), far end and caller hanging up; a-leg variables",
    async run(s, env) {
      await s.api("load mod_loopback", "loopback legs as far ends");
      const { a, b } = await loopbackCall(s, env, 2101);
      for (const v of ["continue_on_fail=true", "hangup_after_bridge=false"]) {
        const t = env.uuid();
        s.execute(a, "set", v, t, v);
        await s.complete(t, "set");
      }
      const dump = (why: string) => s.api(`uuid_dump ${a}`, why);
      const br = async (dial: string, why: string, timeoutMs = 30_000) => {
        const id = env.uuid();
        s.execute(a, "bridge", dial, id, why);
        await s.complete(id, why, timeoutMs);
        await dump(`A's variables after: ${why}`);
      };
      const u = () => env.uuid();
      await br(`{origination_uuid=${u()},irisx_call_id=c-busy}${GATEWAY}/+15005550200`, "busy (486)");
      await br(`[origination_uuid=${u()},irisx_call_id=c-leg-timeout,leg_timeout=3]${GATEWAY}/+15005550300`, "rings: leg_timeout 3");
      const ct = u();
      s.execute(a, "set", "call_timeout=2", ct, "call_timeout 2");
      await s.complete(ct, "set");
      await br(`[origination_uuid=${u()},irisx_call_id=c-call-timeout]${GATEWAY}/+15005550300`, "rings: call_timeout 2");
      const ct2 = u();
      s.execute(a, "unset", "call_timeout", ct2, "unset call_timeout");
      await s.complete(ct2, "unset");
      await br(`${CODEC}[origination_uuid=${u()},irisx_call_id=c-ring-1]${GATEWAY}/+15005550300,[origination_uuid=${u()},irisx_call_id=c-ring-2]${GATEWAY}/+15005550103`,
        "ring at once: the second answers, hangs up after 3 s");
      await br(`${CODEC}[origination_uuid=${u()},irisx_call_id=c-seq-1]${GATEWAY}/+15005550200|[origination_uuid=${u()},irisx_call_id=c-seq-2]${GATEWAY}/+15005550102`,
        "one after another: busy, then answers and hangs up after 2 s");
      const last = u();
      const blast = u();
      s.execute(a, "bridge", `{origination_uuid=${blast},irisx_call_id=c-caller-hangs-up,absolute_codec_string=PCMA}${GATEWAY}/+15005550100`, last, "answers and stays up");
      await s.waitEvent(isEvent("CHANNEL_BRIDGE", a), "bridged");
      await s.pause(1000, "talking");
      await s.api(`uuid_kill ${b}`, "the caller (A's far end) hangs up");
      await s.waitEvent(isEvent("CHANNEL_HANGUP_COMPLETE", blast), "b-leg hung up");
      await s.pause(500, "");
      const second = await loopbackCall(s, env, 2102);
      const nf = u();
      s.execute(second.a, "bridge", `{origination_uuid=${u()}}${GATEWAY}/+15005550200`, nf, "busy without continue_on_fail");
      await s.waitEvent(isEvent("CHANNEL_HANGUP_COMPLETE", second.a), "A hung up?", 15_000).catch(() => undefined);
      const third = await loopbackCall(s, env, 2103);
      const hab = u();
      s.execute(third.a, "bridge", `{origination_uuid=${u()},absolute_codec_string=PCMA}${GATEWAY}/+15005550102`, hab, "answered, far end hangs up after 2 s; hangup_after_bridge unset");
      await s.waitEvent(isEvent("CHANNEL_HANGUP_COMPLETE", third.a), "A hung up after the bridge?", 15_000).catch(() => undefined);
    },
  },
  "22-conference": {
    title: "conference with flags (moderator, endconf, mute), the conference api (list, mute, unmute, kick, hup), endconf",
    async run(s, env) {
      await s.api("load mod_loopback", "loopback legs as far ends");
      const legs = [];
      for (const n of [2201, 2202, 2203, 2204]) legs.push(await loopbackCall(s, env, n));
      const flags = ["+flags{moderator|endconf}", "+flags{mute}", "", ""];
      const ids = legs.map(() => env.uuid());
      legs.forEach((l, i) => s.execute(l.a, "conference", `room22@default${flags[i]}`, ids[i]!, `member ${i + 1}`));
      await s.until(() => s.events.filter((e) => e.subclass === "conference::maintenance" && e.get("Action") === "add-member").length >= 4, 15_000, "four add-member");
      await s.pause(500, "");
      await s.api("conference room22 list", "list");
      await s.api("conference room22 list count", "count");
      await s.api("conference room22 mute 3", "mute member 3");
      await s.api("conference room22 unmute 3", "unmute member 3");
      await s.api("conference room22 mute 99", "mute a member that is not there");
      await s.api("conference nosuch list", "a conference that is not there");
      await s.api("conference room22 kick 3", "kick member 3");
      await s.complete(ids[2]!, "member 3's conference app after kick");
      await s.api("conference room22 hup 4", "hup member 4");
      await s.complete(ids[3]!, "member 4's conference app after hup", 10_000).catch(() => undefined);
      await s.api("conference room22 list", "list");
      await s.api(`uuid_kill ${legs[0]!.b}`, "the moderator (endconf) hangs up");
      await s.complete(ids[1]!, "member 2's conference app after endconf", 10_000).catch(() => undefined);
      await s.pause(1000, "");
      await s.api("conference room22 list", "gone?");
    },
  },
};
