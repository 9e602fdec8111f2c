// Replays the fixture corpus's own commands against the simulator and compares what comes back with what the real
// FreeSWITCH 1.10.12 sent: the frame sequence (events by name), each event's header NAMES in order, and the values
// that mean something (causes, states, directions, replies). Values that legitimately differ (uuids, times,
// sequence numbers, ports, SIP tags, SDP) are not compared. HEARTBEAT/RE_SCHEDULE depend on wall-clock luck.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "./index.ts";
import { FIXTURES_DIR, RawEslClient, readFixtureCommands, readFixtureFrames, type Received } from "./test-support.ts";

const TIME_SCALE = 0.1;
const SKIP_EVENTS = new Set(["HEARTBEAT", "RE_SCHEDULE"]);
const MEANINGFUL = [
  "Event-Name", "Event-Subclass", "Channel-State", "Channel-Call-State", "Channel-State-Number", "Answer-State",
  "Call-Direction", "Hangup-Cause", "variable_hangup_cause", "variable_sip_term_status", "variable_sip_hangup_disposition",
  "Job-Command", "Application", "Application-Response", "Original-Channel-Call-State", "DTMF-Digit",
  "variable_collected_digits", "variable_read_result", "Playback-Status", "Record-Completion-Cause",
  "Media-Bug-Function", "Caller-Context", "Caller-Source",
];

/** The dialplan variable the fixture's stock public context sets, and the one IRISX's dialplan sets instead. */
const RENAMED_HEADERS: Record<string, string> = { variable_irisx_inbound: "variable_outside_call" };

function summary(frames: Received[]): string[] {
  return frames.flatMap((f) => {
    if (f.event) {
      const name = f.event.name === "CUSTOM" ? `CUSTOM ${f.event.subclass}` : f.event.name;
      return SKIP_EVENTS.has(name) ? [] : [`event ${name}`];
    }
    if (f.type === "command/reply") return [`reply ${f.frame.get("Reply-Text")!.replace(/[0-9a-f-]{36}/g, "<uuid>")}`];
    if (f.type === "api/response") return [`api ${shape(f.frame.bodyText)}`];
    return [f.type];
  });
}

/** The shape of an api body: its first token (+OK / -ERR …, true, {…}), uuids masked. */
function shape(body: string): string {
  if (body.startsWith("{")) return "{json}";
  return body.replace(/[0-9a-f-]{36}/g, "<uuid>").split("\n")[0]!.slice(0, 40);
}

function channelUuids(frames: Received[]): string[] {
  const seen: string[] = [];
  for (const f of frames) {
    const u = f.event?.uniqueId;
    if (u && !seen.includes(u)) seen.push(u);
  }
  return seen;
}

/** How many of each event (SKIP_EVENTS aside) the frames hold. */
function eventNames(frames: Received[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of frames) if (f.event && !SKIP_EVENTS.has(f.event.name)) counts.set(f.event.name, (counts.get(f.event.name) ?? 0) + 1);
  return counts;
}

const events = (frames: Received[]) => frames.filter((f) => f.event && !SKIP_EVENTS.has(f.event.name)).map((f) => f.event!);

async function replay(sim: Simulator, dir: string): Promise<Received[]> {
  const client = new RawEslClient(sim.eslPort);
  await client.waitFor((fs) => fs.length >= 1);
  const fixture = readFixtureFrames(dir);
  // The fixture's channel uuids, in order of first appearance, stand for the simulator's (same order).
  const fixtureUuids = channelUuids(fixture);
  // Before the k-th command the real client had seen the events up to the k-th reply: wait for as many here, so
  // the replay does not race the simulated far ends (the fixture's own sleeps were for the same purpose).
  const replyIndexes = fixture.flatMap((f, i) => (f.type === "command/reply" || f.type === "api/response" ? [i] : []));
  const countEvents = (frames: Received[]) => frames.filter((f) => f.event && !SKIP_EVENTS.has(f.event.name)).length;
  const commands = readFixtureCommands(dir);
  for (let k = 0; k < commands.length; k++) {
    const cmd = commands[k]!;
    const needed = countEvents(fixture.slice(0, replyIndexes[k] ?? 0));
    if (k === 2 && dir.endsWith("07-inbound-park-dtmf")) {
      // sipp's UAC calls 7010 once the session listens, and sends RFC2833 1 2 3 # 3 s after the answer.
      sim.switch.injectInbound({
        from: "5551000", fromName: "Fixture UAC", to: "7010", port: 5078, digits: "123#", digitsAfterSeconds: 3,
        sipSubject: "ESL fixture",
      });
    }
    // By name, not only by count: a prefix with as many events but another mix (a PLAYBACK_STOP still to come
    // while an extra event already came) would let the next command (uuid_kill) cut the far end short.
    const neededByName = eventNames(fixture.slice(0, replyIndexes[k] ?? 0));
    await client.waitFor((fs) => {
      if (client.closed) return true;
      if (countEvents(fs) < needed) return false;
      const seen = eventNames(fs);
      return [...neededByName].every(([name, n]) => (seen.get(name) ?? 0) >= n);
    });
    const ours = channelUuids(client.frames);
    const replies = client.frames.filter((f) => f.type === "command/reply" || f.type === "api/response").length;
    // Commands the fixture's client sent within 2 ms of each other go out together (pipelined), as they did there.
    let batch = [cmd.text];
    while (k >= 2 && commands[k + 1] && commands[k + 1]!.atMs - cmd.atMs <= 2) batch = [...batch, commands[++k]!.text];
    client.send(batch.map((text) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => {
      const i = fixtureUuids.indexOf(u);
      return i >= 0 && ours[i] ? ours[i]! : u;
    })).join("\n\n"));
    // Like FreeSWITCH, the simulator answers one command at a time; wait for these answers before going on.
    await client.waitFor((fs) => client.closed ||
      fs.filter((f) => f.type === "command/reply" || f.type === "api/response").length >= replies + batch.length);
  }
  await client.waitClosed();
  return client.frames;
}

const CASES = ["01-originate-park-kill", "02-remote-bye", "03-busy-486", "04-no-answer-timeout",
  "05-rejected-603-404-503", "06-unreachable-host", "07-inbound-park-dtmf", "08-record-playback",
  "16-originate-park-kill-json", "17-auth-failure"];

describe("replay of the FreeSWITCH fixture corpus", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ eslPort: 0, controlPort: 0, timeScale: TIME_SCALE, heartbeatSeconds: 3600 });
  });
  afterAll(async () => sim.close());

  for (const name of CASES) {
    it(`${name}: same frames, same header names in order, same meaningful values`, async () => {
      const dir = path.join(FIXTURES_DIR, name);
      const expected = readFixtureFrames(dir);
      const actual = await replay(sim, dir);
      expect(summary(actual)).toEqual(summary(expected));
      compareEvents(events(actual), events(expected));
    });
  }
});

export function compareEvents(actual: ReturnType<typeof events>, expected: ReturnType<typeof events>): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((ev, i) => {
    const exp = expected[i]!;
    const label = `event #${i} ${exp.name} (seq ${exp.get("Event-Sequence")}${exp.get("Playback-File-Path") ? `, ${exp.get("Playback-File-Path")}` : ""})`;
    const names = ev.headers.map(([n]) => RENAMED_HEADERS[n] ?? n);
    expect(names, label).toEqual(exp.headers.map(([n]) => n));
    for (const h of MEANINGFUL) expect(ev.getAll(h), `${label} ${h}`).toEqual(exp.getAll(h));
  });
}
