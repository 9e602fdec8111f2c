// Twilio's trim="trim-silence" (<Record>, <Dial record>): the silence before the first sound and after the last is
// cut from a recording before it is stored. The file is scanned in 20 ms windows (any channel louder than the
// threshold is sound), 200 ms are kept either side of the sound, and the trimmed audio is written beside the file
// and renamed over it. Only 16-bit PCM is trimmed; a file of silence only, or one with nothing to cut, is left as it is.
import { open, rename, rm } from "node:fs/promises";
import { readWavInfo } from "./wav-header";

/** RMS of a 20 ms window above which it counts as sound (about -38 dBFS: above line noise, below quiet speech). */
export const SOUND_RMS = 400;
const WINDOW_MS = 20;
const KEEP_MS = 200;
const READ_WINDOWS = 250;

export interface TrimResult {
  trimmed: boolean;
  /** Seconds cut from the start and from the end. */
  headSeconds: number;
  tailSeconds: number;
}

const NOTHING: TrimResult = { trimmed: false, headSeconds: 0, tailSeconds: 0 };

export async function trimWavSilence(file: string): Promise<TrimResult> {
  const wav = await readWavInfo(file);
  if (wav.format !== 1 || wav.bitsPerSample !== 16 || wav.dataBytes === 0) return NOTHING;
  const frameBytes = wav.channels * 2;
  const windowBytes = Math.max(1, Math.round((wav.sampleRate * WINDOW_MS) / 1000)) * frameBytes;
  const windows = Math.floor(wav.dataBytes / windowBytes);
  if (windows === 0) return NOTHING;
  const handle = await open(file, "r");
  let first = -1;
  let last = -1;
  try {
    const chunk = Buffer.alloc(windowBytes * READ_WINDOWS);
    const loud = async (from: number, count: number, forward: boolean): Promise<number> => {
      const { bytesRead } = await handle.read(chunk, 0, count * windowBytes, wav.dataOffset + from * windowBytes);
      const got = Math.floor(bytesRead / windowBytes);
      for (let k = 0; k < got; k++) {
        const w = forward ? k : got - 1 - k;
        if (isSound(chunk, w * windowBytes, windowBytes, wav.channels)) return from + w;
      }
      return -1;
    };
    for (let at = 0; at < windows && first < 0; at += READ_WINDOWS) first = await loud(at, Math.min(READ_WINDOWS, windows - at), true);
    if (first < 0) return NOTHING;
    for (let end = windows; end > first && last < 0; end -= READ_WINDOWS) {
      const from = Math.max(first, end - READ_WINDOWS);
      last = await loud(from, end - from, false);
    }
  } finally {
    await handle.close();
  }
  const keep = Math.round(KEEP_MS / WINDOW_MS);
  const start = Math.max(0, first - keep) * windowBytes;
  const end = Math.min(wav.dataBytes, (last + 1 + keep) * windowBytes);
  if (start === 0 && end >= wav.dataBytes) return NOTHING;
  await writeRange(file, wav, start, end);
  return { trimmed: true, headSeconds: start / wav.byteRate, tailSeconds: (wav.dataBytes - end) / wav.byteRate };
}

function isSound(buf: Buffer, offset: number, length: number, channels: number): boolean {
  const sums = new Array<number>(channels).fill(0);
  const frames = length / (channels * 2);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      const v = buf.readInt16LE(offset + (i * channels + c) * 2);
      sums[c]! += v * v;
    }
  }
  return sums.some((sum) => Math.sqrt(sum / frames) >= SOUND_RMS);
}

/** The audio between `start` and `end` (bytes into the data) as a canonical WAV in place of the file. */
async function writeRange(file: string, wav: Awaited<ReturnType<typeof readWavInfo>>, start: number, end: number): Promise<void> {
  const tmp = `${file}.trim`;
  const source = await open(file, "r");
  const target = await open(tmp, "w");
  try {
    const bytes = end - start;
    const header = Buffer.alloc(44);
    header.write("RIFF", 0, "ascii");
    header.writeUInt32LE(36 + bytes, 4);
    header.write("WAVE", 8, "ascii");
    header.write("fmt ", 12, "ascii");
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(wav.channels, 22);
    header.writeUInt32LE(wav.sampleRate, 24);
    header.writeUInt32LE(wav.byteRate, 28);
    header.writeUInt16LE(wav.channels * 2, 32);
    header.writeUInt16LE(16, 34);
    header.write("data", 36, "ascii");
    header.writeUInt32LE(bytes, 40);
    await target.write(header, 0, 44, 0);
    const buf = Buffer.alloc(256 * 1024);
    for (let done = 0; done < bytes; ) {
      const { bytesRead } = await source.read(buf, 0, Math.min(buf.length, bytes - done), wav.dataOffset + start + done);
      if (bytesRead === 0) break;
      await target.write(buf, 0, bytesRead, 44 + done);
      done += bytesRead;
    }
    await target.sync();
  } catch (err) {
    await target.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  } finally {
    await source.close();
  }
  await target.close();
  await rename(tmp, file);
}
