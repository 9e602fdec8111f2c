// Reads what a recording's metadata needs from a WAV file's RIFF chunks: channels, byte rate and the size of
// the audio data. Tolerates what FreeSWITCH (libsndfile) leaves when a recording is cut off: a data chunk whose
// declared size is 0 or 0xFFFFFFFF, or runs past the end of the file, is taken to run to the end.
import { open } from "node:fs/promises";

export class WavFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WavFormatError";
  }
}

export interface WavInfo {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  byteRate: number;
  /** Bytes of audio in the data chunk. */
  dataBytes: number;
  /** Where the audio starts in the file. */
  dataOffset: number;
  durationSeconds: number;
}

const HEADER_SCAN_BYTES = 64 * 1024;

export function parseWavHeader(head: Buffer, fileSize: number): WavInfo {
  if (head.length < 12 || head.toString("ascii", 0, 4) !== "RIFF" || head.toString("ascii", 8, 12) !== "WAVE") throw new WavFormatError("not a RIFF/WAVE file");
  let fmt: Omit<WavInfo, "dataBytes" | "dataOffset" | "durationSeconds"> | null = null;
  let at = 12;
  while (at + 8 <= head.length) {
    const id = head.toString("ascii", at, at + 4);
    const size = head.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === "fmt ") {
      if (size < 16 || body + 16 > head.length) throw new WavFormatError("fmt chunk is too short");
      fmt = {
        format: head.readUInt16LE(body),
        channels: head.readUInt16LE(body + 2),
        sampleRate: head.readUInt32LE(body + 4),
        byteRate: head.readUInt32LE(body + 8),
        bitsPerSample: head.readUInt16LE(body + 14),
      };
      if (fmt.channels < 1 || fmt.byteRate < 1) throw new WavFormatError("fmt chunk has no channels or no byte rate");
    } else if (id === "data") {
      if (!fmt) throw new WavFormatError("data chunk before the fmt chunk");
      const available = Math.max(fileSize - body, 0);
      const dataBytes = size === 0 || size === 0xffffffff || size > available ? available : size;
      return { ...fmt, dataBytes, dataOffset: body, durationSeconds: Math.round(dataBytes / fmt.byteRate) };
    }
    at = body + size + (size % 2); // chunks are word-aligned
  }
  throw new WavFormatError(fmt ? "no data chunk" : "no fmt chunk");
}

export async function readWavInfo(file: string): Promise<WavInfo> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, HEADER_SCAN_BYTES));
    await handle.read(head, 0, head.length, 0);
    return parseWavHeader(head, size);
  } finally {
    await handle.close();
  }
}
