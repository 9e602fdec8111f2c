// What an outbound call's far end says, as 8 kHz 16-bit PCM, for the recordings that carry it: a WAV registered for
// the dialled number (setFarEndAudio: the AMD labelled set), else what the magic number does (the answering machine
// +15005550600 speaks a 3 s greeting and beeps at 3 s; a human +15005557DDDD says a short "hello"), else line noise.
// A read-only recording (uuid_record with RECORD_READ_ONLY=true, as answering-machine detection asks) is written as the
// call goes, a chunk every 100 simulated ms, like the switch writing each frame unbuffered, so a reader can tail it.
// The simulator's mod_avmd (apps/avmd.ts) hears the beep in this audio.
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { BeepDetector } from "../../src/lib/amd/tone-detector.ts";
import type { FarEnd } from "./magic-numbers.ts";
import { RECORD_SAMPLE_RATE, wavHeader } from "./wav.ts";

export interface FarEndAudio {
  pcm: Int16Array;
  /** Seconds after the answer at which mod_avmd would report the beep, or null when the audio has none. */
  beepAtSeconds: number | null;
}

const RATE = RECORD_SAMPLE_RATE;

function noise(seconds: number, seed: number, amplitude = 40): Int16Array {
  const out = new Int16Array(Math.round(seconds * RATE));
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = Math.round(((s >>> 16) / 65536 - 0.5) * 2 * amplitude);
  }
  return out;
}

/** Syllable-like bursts: a voiced 150 Hz buzz with formant-ish harmonics, 4 syllables a second. */
function speechLike(into: Int16Array, fromSeconds: number, seconds: number): void {
  const start = Math.round(fromSeconds * RATE);
  const n = Math.round(seconds * RATE);
  for (let i = 0; i < n && start + i < into.length; i++) {
    const t = i / RATE;
    const envelope = Math.max(0, Math.sin(Math.PI * ((t * 4) % 1))) ** 0.5;
    const voice = Math.sin(2 * Math.PI * 150 * t) + 0.6 * Math.sin(2 * Math.PI * 450 * t) + 0.4 * Math.sin(2 * Math.PI * 1250 * t);
    into[start + i] = Math.max(-32768, Math.min(32767, into[start + i]! + Math.round(voice * 5000 * envelope)));
  }
}

function tone(into: Int16Array, fromSeconds: number, seconds: number, frequency: number): void {
  const start = Math.round(fromSeconds * RATE);
  for (let i = 0; i < Math.round(seconds * RATE) && start + i < into.length; i++) into[start + i] = Math.round(Math.sin((2 * Math.PI * frequency * i) / RATE) * 12000);
}

/** When a beep detector (the simulator's mod_avmd) is sure of the audio's beep. */
function findBeep(pcm: Int16Array): number | null {
  const detector = new BeepDetector(RATE);
  const frame = RATE / 50;
  for (let i = 0; i + frame <= pcm.length; i += frame) {
    const at = detector.push(pcm.subarray(i, i + frame), ((i + frame) * 1000) / RATE);
    if (at !== null) return at / 1000;
  }
  return null;
}

const cache = new Map<string, FarEndAudio>();

function fromFile(file: string): FarEndAudio {
  let audio = cache.get(file);
  if (!audio) {
    const bytes = readFileSync(file);
    const data = bytes.indexOf("data", 12, "ascii");
    const pcm = new Int16Array(bytes.buffer.slice(bytes.byteOffset + data + 8, bytes.byteOffset + bytes.length));
    audio = { pcm, beepAtSeconds: findBeep(pcm) };
    cache.set(file, audio);
  }
  return audio;
}

export function farEndAudio(farEnd: FarEnd): FarEndAudio {
  if (farEnd.kind === "answer" && farEnd.audioFile) return fromFile(farEnd.audioFile);
  if (farEnd.kind === "answer" && farEnd.machine) {
    // A 2.8 s greeting, then a 1 kHz beep from 2.85 s: mod_avmd is sure of it at 3 s, as the magic number always said.
    const pcm = noise(12, 600);
    speechLike(pcm, 0.1, 2.6);
    tone(pcm, 2.85, 0.5, 1000);
    return { pcm, beepAtSeconds: findBeep(pcm) };
  }
  if (farEnd.kind === "answer" && farEnd.digits) {
    const pcm = noise(12, 700);
    speechLike(pcm, 0.3, 0.5);
    return { pcm, beepAtSeconds: null };
  }
  return { pcm: noise(12, 800), beepAtSeconds: null };
}

/** A recording of what the far end says, written as simulated time passes. */
export class LiveFarEndRecording {
  private fd: number;
  private written = 0;
  private closed = false;

  /** `startSeconds`: how far into the call (after the answer) the recording starts. */
  constructor(
    readonly file: string,
    private readonly audio: FarEndAudio,
    private readonly startSeconds: number,
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, "w");
    writeSync(this.fd, wavHeader(0, 1, RATE));
  }

  /** Appends the audio up to `seconds` after the answer (noise once the far end has said all it had). */
  advanceTo(seconds: number): void {
    if (this.closed) return;
    const until = Math.round((seconds - this.startSeconds) * RATE);
    const first = Math.round(this.startSeconds * RATE);
    if (until <= this.written) return;
    const chunk = new Int16Array(until - this.written);
    const have = this.audio.pcm;
    for (let i = 0; i < chunk.length; i++) {
      const at = first + this.written + i;
      chunk[i] = at < have.length ? have[at]! : ((at * 7919) % 61) - 30;
    }
    writeSync(this.fd, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.written = until;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    writeSync(this.fd, wavHeader(this.written * 2, 1, RATE), 0, 44, 0);
    closeSync(this.fd);
  }

  get seconds(): number {
    return this.written / RATE;
  }
}
