// The audio providers answer with, made into what FreeSWITCH plays without transcoding surprises: a WAV of mono
// 16-bit PCM at 8 or 16 kHz. Every adapter asks its provider for PCM or WAV (none needs an MP3 decoder); OpenAI's
// PCM is 24 kHz, so it is resampled here (windowed-sinc low-pass, enough for telephone bandwidth).
import { parseWavHeader, WavFormatError } from "@/server/recordings/wav-header";

/** What an adapter hands back: a WAV file, or raw signed 16-bit little-endian mono samples at a rate. */
export type ProviderAudio = { kind: "wav"; data: Buffer } | { kind: "pcm16"; sampleRate: number; data: Buffer };

const PLAYABLE_RATES = new Set([8000, 16000]);
const TARGET_RATE = 16000;

export const isWav = (data: Buffer) => data.length >= 12 && data.toString("ascii", 0, 4) === "RIFF" && data.toString("ascii", 8, 12) === "WAVE";

export function pcm16ToWav(pcm: Buffer, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** The samples of a 16-bit PCM WAV (mixed down to mono), with its rate. Throws WavFormatError otherwise. */
export function readPcmWav(wav: Buffer): { sampleRate: number; samples: Int16Array } {
  const info = parseWavHeader(wav, wav.length);
  if (info.format !== 1 && info.format !== 0xfffe) throw new WavFormatError(`WAV format ${info.format} is not PCM`);
  if (info.bitsPerSample !== 16) throw new WavFormatError(`WAV has ${info.bitsPerSample}-bit samples, not 16`);
  const dataStart = findDataStart(wav);
  const frames = Math.floor(Math.min(info.dataBytes, wav.length - dataStart) / (2 * info.channels));
  const samples = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < info.channels; c++) sum += wav.readInt16LE(dataStart + (i * info.channels + c) * 2);
    samples[i] = Math.round(sum / info.channels);
  }
  return { sampleRate: info.sampleRate, samples };
}

function findDataStart(wav: Buffer): number {
  let at = 12;
  while (at + 8 <= wav.length) {
    const size = wav.readUInt32LE(at + 4);
    if (wav.toString("ascii", at, at + 4) === "data") return at + 8;
    at += 8 + size + (size % 2);
  }
  throw new WavFormatError("no data chunk");
}

function pcmSamples(pcm: Buffer): Int16Array {
  const samples = new Int16Array(Math.floor(pcm.length / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = pcm.readInt16LE(i * 2);
  return samples;
}

/**
 * Windowed-sinc resampling (16 zero crossings each side, Blackman window); low-passes at the lower Nyquist. The
 * rates providers use are small ratios (24 → 16 kHz has two phases), so each phase's kernel is computed once.
 */
export function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return samples;
  const ratio = from / to;
  const cutoff = Math.min(1, to / from);
  const halfWidth = Math.ceil(16 / cutoff);
  const kernels = new Map<number, Float64Array>();
  const kernelFor = (frac: number): Float64Array => {
    const key = Math.round(frac * 1e6);
    let kernel = kernels.get(key);
    if (kernel) return kernel;
    kernel = new Float64Array(2 * halfWidth);
    for (let j = -halfWidth + 1; j <= halfWidth; j++) {
      const x = frac - j;
      const arg = Math.PI * x * cutoff;
      const sinc = x === 0 ? 1 : Math.sin(arg) / arg;
      const w = 0.42 + 0.5 * Math.cos((Math.PI * x) / halfWidth) + 0.08 * Math.cos((2 * Math.PI * x) / halfWidth);
      kernel[j + halfWidth - 1] = cutoff * sinc * w;
    }
    if (kernels.size < 4096) kernels.set(key, kernel);
    return kernel;
  };
  const out = new Int16Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const t = i * ratio;
    const centre = Math.floor(t);
    const kernel = kernelFor(t - centre);
    let acc = 0;
    const first = Math.max(0, centre - halfWidth + 1);
    const last = Math.min(samples.length - 1, centre + halfWidth);
    for (let k = first; k <= last; k++) acc += samples[k]! * kernel[k - centre + halfWidth - 1]!;
    out[i] = Math.max(-32768, Math.min(32767, Math.round(acc)));
  }
  return out;
}

/** The provider's audio as a WAV FreeSWITCH plays as is: mono 16-bit PCM at 8 or 16 kHz. */
export function toPlayableWav(audio: ProviderAudio): Buffer {
  const { sampleRate, samples } = audio.kind === "wav" ? readPcmWav(audio.data) : { sampleRate: audio.sampleRate, samples: pcmSamples(audio.data) };
  if (samples.length === 0) throw new WavFormatError("the audio is empty");
  const rate = PLAYABLE_RATES.has(sampleRate) ? sampleRate : TARGET_RATE;
  const out = resample(samples, sampleRate, rate);
  return pcm16ToWav(Buffer.from(out.buffer, out.byteOffset, out.byteLength), rate);
}
