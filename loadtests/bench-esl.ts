// `npm run bench:esl`: the worker's event-socket read path, without a socket: every recorded FreeSWITCH event
// (../shared/fixtures/esl, plain and json) goes through FrameReader → parseEvent → a dispatch to handlers keyed
// by event name and channel uuid, many times over, in TCP-sized chunks. Prints events/s, MB/s and per-chunk
// latency; exits 1 below the target. BENCH_ESL_SECONDS (default 8) sets the measured time, BENCH_ESL_BASELINE=1
// also times modesl's own Parser on a few passes for comparison.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { EventEmitter } from "node:events";
import { FrameReader, isEventFrame, parseEvent, reserializeFrame, type EslEvent, type EslFrame } from "../worker/esl/wire";

const TARGET_EVENTS_PER_S = 50_000;
const SECONDS = Number(process.env.BENCH_ESL_SECONDS ?? 8);
const FIXTURES = path.resolve(import.meta.dirname, "../freeswitch/fixtures/esl");

// ---- the corpus: only event frames, so "events" counts what the worker dispatches ----------------------

function loadEventStream(): { bytes: Buffer; events: number; plain: number; json: number } {
  const frames: EslFrame[] = [];
  for (const dir of readdirSync(FIXTURES).filter((d) => /^\d\d-/.test(d)).sort()) {
    new FrameReader((f) => isEventFrame(f) && frames.push(f)).push(readFileSync(path.join(FIXTURES, dir, "events.txt")));
  }
  const json = frames.filter((f) => f.contentType === "text/event-json").length;
  return { bytes: Buffer.concat(frames.map(reserializeFrame)), events: frames.length, plain: frames.length - json, json };
}

/** Deterministic chunking at realistic read sizes: mostly MSS-ish and socket-buffer-sized reads. */
function chunk(bytes: Buffer, seed: number): Buffer[] {
  const sizes = [1448, 2896, 4096, 8192, 16384, 65536];
  let s = seed;
  const out: Buffer[] = [];
  for (let pos = 0; pos < bytes.length; ) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const n = sizes[s % sizes.length]!;
    out.push(bytes.subarray(pos, pos + n));
    pos += n;
  }
  return out;
}

// ---- a dispatcher shaped like the worker's: by event name, then state per channel uuid ------------------

interface ChannelState {
  answered: boolean;
  hangupCause?: string;
  billsec?: number;
  digits: string;
}

class Dispatcher {
  readonly channels = new Map<string, ChannelState>();
  readonly jobs = new Map<string, string>();
  handled = 0;
  private readonly byName = new Map<string, (ev: EslEvent) => void>([
    ["CHANNEL_CREATE", (ev) => this.channel(ev)],
    ["CHANNEL_ANSWER", (ev) => (this.channel(ev).answered = true)],
    ["CHANNEL_PROGRESS", (ev) => void this.channel(ev)],
    ["CHANNEL_PROGRESS_MEDIA", (ev) => void this.channel(ev)],
    [
      "CHANNEL_HANGUP_COMPLETE",
      (ev) => {
        const ch = this.channel(ev);
        ch.hangupCause = ev.get("Hangup-Cause");
        ch.billsec = Number(ev.variable("billsec") ?? 0);
        void ev.variable("sip_term_status");
        void ev.variable("answer_epoch");
      },
    ],
    ["CHANNEL_DESTROY", (ev) => void this.channels.delete(ev.uniqueId ?? "")],
    ["DTMF", (ev) => (this.channel(ev).digits += ev.get("DTMF-Digit") ?? "")],
    ["BACKGROUND_JOB", (ev) => void this.jobs.set(ev.jobUuid ?? "", ev.body ?? "")],
    ["CHANNEL_PARK", (ev) => void ev.get("Call-Direction")],
    ["RECORD_STOP", (ev) => void ev.get("Record-File-Path")],
    ["CUSTOM", (ev) => void ev.subclass],
  ]);

  dispatch(ev: EslEvent): void {
    this.handled++;
    const handler = this.byName.get(ev.name);
    if (handler) handler(ev);
  }

  private channel(ev: EslEvent): ChannelState {
    const uuid = ev.uniqueId ?? "";
    let ch = this.channels.get(uuid);
    if (!ch) this.channels.set(uuid, (ch = { answered: false, digits: "" }));
    return ch;
  }
}

// ---- measurement ----------------------------------------------------------------------------------------

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function run(stream: { bytes: Buffer; events: number }, seconds: number) {
  const variants = [1, 2, 3, 4].map((seed) => chunk(stream.bytes, seed));
  const dispatcher = new Dispatcher();
  const reader = new FrameReader((frame) => {
    if (isEventFrame(frame)) dispatcher.dispatch(parseEvent(frame));
  });
  // Warm-up: let V8 optimise the hot paths before timing.
  for (let i = 0; i < 20; i++) for (const c of variants[i % variants.length]!) reader.push(c);
  dispatcher.handled = 0;

  const latencies: number[] = [];
  let passes = 0;
  let bytes = 0;
  const t0 = process.hrtime.bigint();
  const deadline = t0 + BigInt(Math.round(seconds * 1e9));
  let now = t0;
  const cpu0 = process.cpuUsage();
  while (now < deadline) {
    for (const c of variants[passes % variants.length]!) {
      const a = process.hrtime.bigint();
      reader.push(c);
      const b = process.hrtime.bigint();
      latencies.push(Number(b - a) / 1e3); // µs
    }
    passes++;
    bytes += stream.bytes.length;
    now = process.hrtime.bigint();
  }
  const elapsed = Number(now - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const sorted = Float64Array.from(latencies).sort();
  return {
    passes,
    events: dispatcher.handled,
    elapsed,
    eventsPerS: dispatcher.handled / elapsed,
    // Per CPU-second: the machine is shared (other processes steal time), so wall-clock rates wobble.
    eventsPerCpuS: dispatcher.handled / cpuSeconds,
    cpuSeconds,
    mbPerS: bytes / elapsed / 1e6,
    chunks: latencies.length,
    p50us: percentile(sorted, 50),
    p99us: percentile(sorted, 99),
    maxUs: sorted[sorted.length - 1] ?? 0,
    channelsTracked: dispatcher.channels.size,
    jobs: dispatcher.jobs.size,
  };
}

/** modesl's Parser on the same bytes (it wants a socket: an EventEmitter with 'data' will do). */
async function baseline(stream: { bytes: Buffer; events: number }, passes: number) {
  const { default: modesl } = (await import("modesl")) as unknown as { default: { Parser: new (s: EventEmitter) => EventEmitter } };
  const socket = new EventEmitter();
  const parser = new modesl.Parser(socket);
  let events = 0;
  let errors = 0;
  parser.on("esl::event", () => events++);
  parser.on("error", () => errors++);
  const chunks = chunk(stream.bytes, 1);
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) for (const c of chunks) socket.emit("data", c);
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  return { passes, events, errors, elapsed, eventsPerS: events / elapsed, mbPerS: (stream.bytes.length * passes) / elapsed / 1e6 };
}

const stream = loadEventStream();
console.log(
  `corpus: ${stream.events} events (${stream.plain} plain, ${stream.json} json), ${(stream.bytes.length / 1e6).toFixed(2)} MB per pass; ` +
    `chunks of 1448-65536 bytes; ${SECONDS} s measured`,
);
const r = run(stream, SECONDS);
console.log(
  `FrameReader + parseEvent + dispatch: ${Math.round(r.eventsPerS).toLocaleString("en")} events/s, ${r.mbPerS.toFixed(1)} MB/s ` +
    `(${r.passes} passes, ${r.events.toLocaleString("en")} events in ${r.elapsed.toFixed(2)} s)`,
);
console.log(
  `  per CPU-second: ${Math.round(r.eventsPerCpuS).toLocaleString("en")} events/s (${r.cpuSeconds.toFixed(2)} CPU-s used; ` +
    `the wall-clock rate is lower when other processes share the two cores)`,
);
console.log(`per-chunk latency: p50 ${r.p50us.toFixed(1)} µs, p99 ${r.p99us.toFixed(1)} µs, max ${(r.maxUs / 1000).toFixed(2)} ms over ${r.chunks.toLocaleString("en")} chunks`);
if (process.env.BENCH_ESL_BASELINE === "1") {
  const b = await baseline(stream, 3);
  console.log(
    `baseline modesl Parser: ${Math.round(b.eventsPerS).toLocaleString("en")} events/s, ${b.mbPerS.toFixed(2)} MB/s ` +
      `(${b.passes} passes, ${b.events} frames, ${b.errors} errors, ${b.elapsed.toFixed(2)} s)`,
  );
}
const ok = r.eventsPerS >= TARGET_EVENTS_PER_S;
console.log(`${ok ? "PASS" : "FAIL"}: target ${TARGET_EVENTS_PER_S.toLocaleString("en")} events/s`);
process.exitCode = ok ? 0 : 1;
