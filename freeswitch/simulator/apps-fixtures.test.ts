// What fixtures 19-22 (real FreeSWITCH 1.10.12 bytes) show, read from the captures themselves: the facts the
// simulator's apps copy (apps.test.ts checks the simulator against the same facts).
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { EslEvent } from "../../worker/esl/wire.ts";
import { FIXTURES_DIR, readFixtureFrames } from "./test-support.ts";

const eventsOf = (dir: string): EslEvent[] =>
  readFixtureFrames(path.join(FIXTURES_DIR, dir)).flatMap((f) => (f.event ? [f.event] : []));
const completes = (events: EslEvent[], app: string) =>
  events.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.get("Application") === app);

describe("fixture 19: playback, speak, uuid_break, send_dtmf", () => {
  const events = eventsOf("19-playback-speak-break-dtmf");
  it("a terminator ends playback with FILE PLAYED / break and speak with _none_, both setting playback_terminator_used", () => {
    const playback = completes(events, "playback")[0]!;
    expect(playback.get("Application-Response")).toBe("FILE PLAYED");
    expect(playback.variable("playback_terminator_used")).toBe("#");
    expect(events.find((e) => e.name === "PLAYBACK_STOP")!.get("Playback-Status")).toBe("break");
    const speak = completes(events, "speak")[0]!;
    expect(speak.get("Application-Response")).toBe("_none_");
    expect(speak.variable("playback_terminator_used")).toBe("#");
  });
  it("Application-UUID is the sendmsg's Event-UUID; with event-lock, uuid_break all leaves the third playback unrun", () => {
    const executes = events.filter((e) => e.name === "CHANNEL_EXECUTE" && e.get("Application") === "playback");
    // 1 (terminator), 3 nested without event-lock, 2 of 3 with it.
    expect(executes).toHaveLength(6);
    expect(completes(events, "playback")).toHaveLength(6);
  });
  it("send_dtmf's digits arrive at the far end", () => {
    const farEnd = events.filter((e) => e.name === "DTMF" && e.get("Channel-Name")?.endsWith("-b"));
    expect(farEnd.map((e) => e.get("DTMF-Digit")).join("")).toBe("123#456");
  });
});

describe("fixture 20: record", () => {
  const events = eventsOf("20-record");
  it("RECORD_STOP carries the path only, the record_* variables, and no media bug events", () => {
    const stops = events.filter((e) => e.name === "RECORD_STOP");
    expect(stops).toHaveLength(5);
    for (const stop of stops) {
      expect(stop.get("Record-Completion-Cause")).toBeUndefined();
      expect(Math.floor(Number(stop.variable("record_samples")) / 8)).toBe(Number(stop.variable("record_ms")));
    }
    expect(stops[0]!.variable("playback_terminator_used")).toBe("#");
    expect(stops[2]!.variable("silence_hits_exhausted")).toBe("true");
    const limitMs = Number(stops[1]!.variable("record_ms"));
    expect(limitMs).toBeGreaterThan(2000);
    expect(limitMs).toBeLessThanOrEqual(3000);
    expect(events.some((e) => e.name === "MEDIA_BUG_START")).toBe(false);
  });
});

describe("fixture 21: bridge", () => {
  const events = eventsOf("21-bridge");
  it("responds _none_ always; busy, leg_timeout, call_timeout and LOSE_RACE as the simulator has them", () => {
    expect(new Set(completes(events, "bridge").map((e) => e.get("Application-Response")))).toEqual(new Set(["_none_"]));
    const hangups = events.filter((e) => e.name === "CHANNEL_HANGUP" && e.get("Channel-Name")?.startsWith("sofia/external/"));
    expect(hangups.map((e) => e.get("Hangup-Cause"))).toEqual(expect.arrayContaining(["USER_BUSY", "ALLOTTED_TIMEOUT", "NO_ANSWER", "LOSE_RACE"]));
    const bCreate = events.find((e) => e.name === "CHANNEL_CREATE" && e.get("Channel-Name") === "sofia/external/+15005550200")!;
    expect(bCreate.get("Other-Type")).toBe("originator");
    expect(bCreate.variable("irisx_call_id")).toBe("c-busy");
  });
  it("without continue_on_fail a busy bridge hangs the A leg up with USER_BUSY", () => {
    const a = events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.get("Channel-Name") === "loopback/2102-a")!;
    expect(a.get("Hangup-Cause")).toBe("USER_BUSY");
  });
});

describe("fixture 22: conference", () => {
  const events = eventsOf("22-conference");
  const actions = events.filter((e) => e.subclass === "conference::maintenance").map((e) => e.get("Action"));
  it("kick and hup remove a member (its channel stays); endconf hangs the others up, then the room is destroyed", () => {
    expect(actions).toEqual(expect.arrayContaining(["add-member", "mute-member", "unmute-member", "kick-member", "hup-member", "del-member", "conference-destroy"]));
    const hungUp = events.filter((e) => e.name === "CHANNEL_HANGUP" && /^loopback\/220[1-4]-a$/.test(e.get("Channel-Name") ?? ""));
    // Member 1 (its far end hung up) and member 2 (endconf) before the clean-up's hupall; 3 and 4 only then.
    expect(hungUp.slice(0, 2).map((e) => e.get("Channel-Name"))).toEqual(["loopback/2201-a", "loopback/2202-a"]);
    expect(hungUp.slice(0, 2).map((e) => e.get("Hangup-Cause"))).toEqual(["NORMAL_CLEARING", "NORMAL_CLEARING"]);
  });
});
