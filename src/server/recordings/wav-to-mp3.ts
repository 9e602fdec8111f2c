// A WAV (PCM, 16-bit, the switch's recordings) re-encoded as MP3 while it streams: the RIFF header is read for the
// format, then the samples go through LAME (lamejs) a block at a time, so a long recording never sits in memory.
import { Transform, type TransformCallback } from "node:stream";
import { Mp3Encoder } from "@breezystack/lamejs";

/** MP3 bit rate by channel count: speech at 8–16 kHz, as Twilio's MP3s of call recordings. */
const KBPS_PER_CHANNEL = 32;
/** Samples per channel per encode call (a multiple of the 1152-sample MP3 frame). */
const BLOCK = 1152 * 16;

interface WavFormat {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataStart: number;
}

/** The format and where the samples start, once `head` holds every chunk before "data"; null while it does not. */
export function parseWavHeader(head: Buffer): WavFormat | null {
  if (head.length < 12) return null;
  if (head.toString("ascii", 0, 4) !== "RIFF" || head.toString("ascii", 8, 12) !== "WAVE") throw new Error("not a RIFF/WAVE file");
  let offset = 12;
  let format: Omit<WavFormat, "dataStart"> | null = null;
  while (offset + 8 <= head.length) {
    const id = head.toString("ascii", offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    if (id === "data") {
      if (!format) throw new Error("WAV data before its fmt chunk");
      return { ...format, dataStart: offset + 8 };
    }
    if (offset + 8 + size > head.length) return null;
    if (id === "fmt ") {
      const audioFormat = head.readUInt16LE(offset + 8);
      format = { channels: head.readUInt16LE(offset + 10), sampleRate: head.readUInt32LE(offset + 12), bitsPerSample: head.readUInt16LE(offset + 22) };
      if ((audioFormat !== 1 && audioFormat !== 0xfffe) || format.bitsPerSample !== 16 || format.channels < 1 || format.channels > 2) {
        throw new Error(`only 16-bit PCM mono or stereo WAV is transcoded (format ${audioFormat}, ${format.bitsPerSample} bits, ${format.channels} channels)`);
      }
    }
    offset += 8 + size + (size % 2);
  }
  if (head.length > 64 * 1024) throw new Error("no data chunk in the first 64 KiB of the WAV");
  return null;
}

export function wavToMp3(): Transform {
  let head: Buffer<ArrayBufferLike> | null = Buffer.alloc(0);
  let format: WavFormat | null = null;
  let encoder: Mp3Encoder | null = null;
  let pending: Buffer<ArrayBufferLike> = Buffer.alloc(0);

  const encode = (stream: Transform, final: boolean) => {
    const frameBytes = 2 * format!.channels;
    const blockBytes = BLOCK * frameBytes;
    while (pending.length >= blockBytes || (final && pending.length >= frameBytes)) {
      const take = Math.min(blockBytes, pending.length - (pending.length % frameBytes));
      const samples = new Int16Array(take / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = pending.readInt16LE(i * 2);
      pending = pending.subarray(take);
      let out: Uint8Array;
      if (format!.channels === 1) out = encoder!.encodeBuffer(samples);
      else {
        const left = new Int16Array(samples.length / 2);
        const right = new Int16Array(samples.length / 2);
        for (let i = 0; i < left.length; i++) {
          left[i] = samples[2 * i]!;
          right[i] = samples[2 * i + 1]!;
        }
        out = encoder!.encodeBuffer(left, right);
      }
      if (out.length) stream.push(Buffer.from(out.buffer, out.byteOffset, out.length));
    }
  };

  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      try {
        if (head) {
          head = Buffer.concat([head, chunk]);
          format = parseWavHeader(head);
          if (!format) return done();
          encoder = new Mp3Encoder(format.channels, format.sampleRate, KBPS_PER_CHANNEL * format.channels);
          pending = head.subarray(format.dataStart);
          head = null;
        } else pending = Buffer.concat([pending, chunk]);
        encode(this, false);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (!format) throw new Error("the WAV ended before its data chunk");
        encode(this, true);
        const tail = encoder!.flush();
        if (tail.length) this.push(Buffer.from(tail.buffer, tail.byteOffset, tail.length));
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
}
