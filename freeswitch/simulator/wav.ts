// Real recordings for uuid_record: 8 kHz 16-bit PCM WAV, mono or stereo (RECORD_STEREO=true: caller left, callee
// right), with audible content (two tones and a little noise) so a listener or an ASR test hears something.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const RECORD_SAMPLE_RATE = 8000;

/** The 44-byte header of a 16-bit PCM WAV holding `dataBytes` of samples. */
export function wavHeader(dataBytes: number, channels: number, sampleRate: number): Buffer {
  const buf = Buffer.alloc(44);
  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write("WAVE", 8, "ascii");
  buf.write("fmt ", 12, "ascii");
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(channels, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * channels * 2, 28);
  buf.writeUInt16LE(channels * 2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(dataBytes, 40);
  return buf;
}

/** Builds the WAV bytes for `seconds` of audio (tests may ask for another sample rate). */
export function buildWav(seconds: number, channels: 1 | 2, sampleRate = RECORD_SAMPLE_RATE, silentTailSeconds = 0): Buffer {
  const frames = Math.max(0, Math.round(seconds * sampleRate));
  const silentFrom = frames - Math.round(Math.min(seconds, silentTailSeconds) * sampleRate);
  const dataBytes = frames * channels * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  wavHeader(dataBytes, channels, sampleRate).copy(buf);
  let seed = 0x2545f491;
  let offset = 44;
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    // A 440 Hz tone that pulses once a second on the caller side, 660 Hz on the callee side, under light noise.
    seed = (seed * 1103515245 + 12345) >>> 0;
    const noise = i >= silentFrom ? 0 : ((seed >>> 16) / 65536 - 0.5) * 400;
    const on = i >= silentFrom ? 0 : t % 1 < 0.6 ? 1 : 0.15;
    const left = Math.round(Math.sin(2 * Math.PI * 440 * t) * 9000 * on + noise);
    buf.writeInt16LE(left, offset);
    offset += 2;
    if (channels === 2) {
      const right = i >= silentFrom ? 0 : Math.round(Math.sin(2 * Math.PI * 660 * t) * 7000 * (1.15 - on) + noise);
      buf.writeInt16LE(right, offset);
      offset += 2;
    }
  }
  return buf;
}

/** Writes the recording, creating its folder, synchronously (done before RECORD_STOP). Returns its size in bytes. */
export function writeRecording(file: string, seconds: number, channels: 1 | 2, silentTailSeconds = 0): number {
  const wav = buildWav(seconds, channels, RECORD_SAMPLE_RATE, silentTailSeconds);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, wav);
  return wav.length;
}
