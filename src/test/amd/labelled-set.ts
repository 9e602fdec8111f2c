// The labelled audio set for answering-machine detection: people answering ("Hello?"), answering machines (a
// recorded greeting, then a beep or silence), fax machines (the CED answer tone) and dead air, synthesized with
// espeak-ng (voices, speeds and levels varied) and sox (to 8 kHz), on a line with background noise. Each sample
// knows its truth: its class, when its greeting ends and when its beep sounds. Written once per spec to
// .data/amd-set/<hash>/ as 8 kHz 16-bit WAV (simulator, offline evaluation) and A-law (SIPp's rtp_stream, real switch).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AnsweredBy } from "@/lib/amd/amd-analyzer";
import { wavHeader } from "../../../freeswitch/simulator/wav";
import { linearToAlaw } from "@/test/g711";

export type AmdClass = "human" | "machine" | "fax" | "silence";

export interface AmdSample {
  id: string;
  kind: AmdClass;
  text: string;
  voice: string;
  /** Audio ms where the greeting's speech starts and ends (null: no speech). */
  speechStartMs: number | null;
  greetingEndMs: number | null;
  /** When the beep starts (machines that beep), and its pitch. */
  beepAtMs: number | null;
  beepHz: number | null;
  durationMs: number;
  wav: string;
  alaw: string;
  /** What Twilio's AnsweredBy should be, per MachineDetection mode. */
  expected: { Enable: AnsweredBy; DetectMessageEnd: AnsweredBy };
}

const HUMAN_LINES = [
  "Hello?", "Hello.", "Hi.", "Yeah?", "Hello, this is Sam.", "Hi, it's Maria.", "Yes?", "Good morning.", "Hello, who is this?",
  "Speaking.", "Hey.", "Sam speaking.", "Hello, Acme Plumbing.", "Hi there.", "Yeah, hello?", "This is Dave.", "Hello, Jenny speaking.",
  "Hello hello?", "Good afternoon.", "Yes, hello?",
];

const MACHINE_LINES = [
  "Hi, you've reached John. I can't come to the phone right now. Please leave a message after the tone.",
  "The person you are calling is not available. At the tone, please record your message.",
  "Thank you for calling Acme Corporation. Our office hours are Monday through Friday, nine to five. Please leave your name and number.",
  "Hey, it's Lisa. Leave me a message and I'll call you back.",
  "You have reached the voicemail box of four one five, five five five, zero one two three. Please leave a message.",
  "Hi, this is Mark. Sorry I missed your call. Leave your name and number and I will get back to you as soon as I can.",
  "Hello, you have reached the Smith residence. We are not home right now, please leave a message.",
  "Your call has been forwarded to an automatic voice message system. The person you are trying to reach is not available.",
  "Hi, you've reached Dr. Patel's office. If this is an emergency, please hang up and dial nine one one.",
  "This is Carol. I'm away from my desk. Please leave a detailed message and I'll return your call.",
  "Welcome to the voice mailbox of Tom Baker. Please leave your message after the beep.",
  "Hello! We can't take your call right now. Please leave your name, number and a short message.",
  "You've reached the after hours line of Blue Sky Dental. Our office is now closed.",
  "Hi, this is the Johnson family. Leave us a message and we'll call you right back. Thanks!",
  "Sorry, I can't answer the phone. Please send me a text or leave a voicemail.",
];

const VOICES = ["en-us+m1", "en-us+f2", "en-gb+m3", "en-us+f4", "en+m7", "en-gb-x-rp+f1", "en-us+m5", "en-gb-scotland+m2"];
const RATE = 8000;

/** A small seeded generator, so the set (and so the matrix) is the same on every machine. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function speak(text: string, voice: string, speed: number, workDir: string): Int16Array {
  const wide = path.join(workDir, "tts.wav");
  const narrow = path.join(workDir, "tts.raw");
  execFileSync("espeak-ng", ["-v", voice, "-s", String(speed), "-w", wide, text]);
  execFileSync("sox", ["-V1", wide, "-r", String(RATE), "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", narrow]);
  const bytes = readFileSync(narrow);
  const pcm = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  // Trim espeak-ng's own leading and trailing silence, so the truth (speech start/end) is exact.
  const loud = (v: number) => Math.abs(v) > 300;
  let first = pcm.findIndex(loud);
  let last = pcm.length - 1;
  while (last > 0 && !loud(pcm[last]!)) last--;
  if (first < 0) first = 0;
  return pcm.slice(first, last + 1);
}

function tone(frequency: number, ms: number, amplitude: number): Int16Array {
  const n = Math.round((ms * RATE) / 1000);
  const out = new Int16Array(n);
  const ramp = RATE / 200; // 5 ms edges, as a real beep has
  for (let i = 0; i < n; i++) {
    const edge = Math.min(1, i / ramp, (n - i) / ramp);
    out[i] = Math.round(Math.sin((2 * Math.PI * frequency * i) / RATE) * amplitude * edge);
  }
  return out;
}

function wavFile(pcm: Int16Array): Buffer {
  return Buffer.concat([wavHeader(pcm.length * 2, 1, RATE), Buffer.from(pcm.buffer, pcm.byteOffset, pcm.length * 2)]);
}

interface Part {
  at: number; // ms
  pcm: Int16Array;
  gain: number;
}

function mix(durationMs: number, parts: Part[], noiseAmplitude: number, random: () => number): Int16Array {
  const out = new Float64Array(Math.round((durationMs * RATE) / 1000));
  for (let i = 0; i < out.length; i++) out[i] = (random() * 2 - 1) * noiseAmplitude;
  for (const part of parts) {
    const start = Math.round((part.at * RATE) / 1000);
    for (let i = 0; i < part.pcm.length && start + i < out.length; i++) out[start + i]! += part.pcm[i]! * part.gain;
  }
  return Int16Array.from(out, (v) => Math.max(-32768, Math.min(32767, Math.round(v))));
}

const ms = (pcm: Int16Array) => Math.round((pcm.length * 1000) / RATE);

type BuiltSample = Omit<AmdSample, "wav" | "alaw"> & { pcm: Int16Array };

function build(workDir: string): BuiltSample[] {
  const random = prng(20261204);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const samples: BuiltSample[] = [];
  const level = () => 0.35 + random() * 0.6; // -9 to -1 dB of espeak's level: loud and quiet lines
  const noise = () => 20 + random() * 60; // about -60 to -50 dBFS of line noise

  // People: a short greeting after 0.3-1.5 s, then they wait; some say "Hello?" again after 2.5-3.5 s of silence.
  HUMAN_LINES.forEach((line, i) => {
    for (const variant of [0, 1]) {
      const voice = VOICES[(i + variant * 3) % VOICES.length]!;
      const speech = speak(line, voice, 150 + Math.floor(random() * 50), workDir);
      const lead = 300 + Math.floor(random() * 1200);
      const end = lead + ms(speech);
      const parts: Part[] = [{ at: lead, pcm: speech, gain: level() }];
      if (variant === 1 && i % 3 === 0) parts.push({ at: end + 2500 + Math.floor(random() * 1000), pcm: speak("Hello?", voice, 170, workDir), gain: level() });
      samples.push({
        id: `human-${String(samples.length).padStart(2, "0")}`, kind: "human", text: line, voice, speechStartMs: lead, greetingEndMs: end, beepAtMs: null, beepHz: null,
        durationMs: end + 6000, pcm: mix(end + 6000, parts, noise(), random), expected: { Enable: "human", DetectMessageEnd: "human" },
      });
    }
  });

  // Answering machines: a recorded greeting after 0.1-0.8 s; two in three end with a beep 0.3-0.9 s later.
  MACHINE_LINES.forEach((line, i) => {
    for (const variant of [0, 1]) {
      const voice = VOICES[(i * 2 + variant) % VOICES.length]!;
      const speech = speak(line, voice, 160 + Math.floor(random() * 40), workDir);
      const lead = 100 + Math.floor(random() * 700);
      const end = lead + ms(speech);
      const beeps = (i + variant) % 3 !== 0;
      const beepAt = beeps ? end + 300 + Math.floor(random() * 600) : null;
      const beepHz = beeps ? pick([440, 850, 1000, 1400]) : null;
      const parts: Part[] = [{ at: lead, pcm: speech, gain: level() }];
      if (beepAt !== null) parts.push({ at: beepAt, pcm: tone(beepHz!, 400 + Math.floor(random() * 500), 9000 + random() * 9000), gain: 1 });
      const durationMs = (beepAt ?? end) + 4500;
      samples.push({
        id: `machine-${String(samples.length).padStart(2, "0")}`, kind: "machine", text: line, voice, speechStartMs: lead, greetingEndMs: end, beepAtMs: beepAt, beepHz,
        durationMs, pcm: mix(durationMs, parts, noise(), random),
        expected: { Enable: "machine_start", DetectMessageEnd: beepAt !== null ? "machine_end_beep" : "machine_end_silence" },
      });
    }
  });

  // Fax machines answer with CED: 2100 Hz for about 3 s.
  for (let i = 0; i < 3; i++) {
    const lead = 200 + Math.floor(random() * 500);
    samples.push({
      id: `fax-${i}`, kind: "fax", text: "(CED 2100 Hz)", voice: "-", speechStartMs: null, greetingEndMs: null, beepAtMs: null, beepHz: null, durationMs: 7000,
      pcm: mix(7000, [{ at: lead, pcm: tone(2100, 3000, 8000), gain: 1 }], noise(), random), expected: { Enable: "fax", DetectMessageEnd: "fax" },
    });
  }
  // Dead air: the line answers and nobody speaks.
  for (let i = 0; i < 3; i++) {
    samples.push({
      id: `silence-${i}`, kind: "silence", text: "(line noise only)", voice: "-", speechStartMs: null, greetingEndMs: null, beepAtMs: null, beepHz: null, durationMs: 8000,
      pcm: mix(8000, [], noise(), random), expected: { Enable: "unknown", DetectMessageEnd: "unknown" },
    });
  }
  return samples;
}

const SPEC_VERSION = 2;

/** The set, synthesized on first use (about 10 s) and reused after; needs espeak-ng and sox (Debian packages). */
export function labelledAmdSet(root = path.resolve(import.meta.dirname, "../../../.data/amd-set")): AmdSample[] {
  const hash = createHash("sha256").update(JSON.stringify({ SPEC_VERSION, HUMAN_LINES, MACHINE_LINES, VOICES })).digest("hex").slice(0, 12);
  const dir = path.join(root, hash);
  const manifest = path.join(dir, "manifest.json");
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, "utf8")) as AmdSample[];
  for (const tool of ["espeak-ng", "sox"]) {
    try {
      execFileSync("which", [tool]);
    } catch {
      throw new Error(`the AMD labelled set needs ${tool}: apt-get install espeak-ng sox (scripts/install-freeswitch.sh does)`);
    }
  }
  const building = `${dir}.tmp-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const samples = build(building).map(({ pcm, ...sample }) => {
    writeFileSync(path.join(building, `${sample.id}.wav`), wavFile(pcm));
    writeFileSync(path.join(building, `${sample.id}.alaw`), Buffer.from(Array.from(pcm, linearToAlaw)));
    return { ...sample, wav: path.join(dir, `${sample.id}.wav`), alaw: path.join(dir, `${sample.id}.alaw`) };
  });
  rmSync(path.join(building, "tts.wav"), { force: true });
  rmSync(path.join(building, "tts.raw"), { force: true });
  writeFileSync(path.join(building, "manifest.json"), JSON.stringify(samples, null, 1));
  rmSync(dir, { recursive: true, force: true });
  execFileSync("mv", [building, dir]);
  return samples;
}

/** The PCM of a sample's WAV (8 kHz mono 16-bit, 44-byte header as written above). */
export function readSamplePcm(sample: AmdSample): Int16Array {
  const bytes = readFileSync(sample.wav);
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset + 44, bytes.byteOffset + bytes.length));
}
