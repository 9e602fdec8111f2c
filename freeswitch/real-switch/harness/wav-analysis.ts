// Reads a PCM WAV (what the switch recorded) for the assertions: its length, and the loudness of one channel over a
// stretch of time, so a test can tell "the far end's audio is there until the end" from a file that stopped early.
export interface WavAnalysis {
  seconds: number;
  channels: number;
  sampleRate: number;
  /** Root-mean-square amplitude (16-bit scale) of `channel` between the two times in seconds. */
  rms(channel: number, from: number, to: number): number;
}

export function analyseWav(file: Buffer): WavAnalysis {
  if (file.toString("ascii", 0, 4) !== "RIFF" || file.toString("ascii", 8, 12) !== "WAVE") throw new Error("not a WAV file");
  let offset = 12;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  let data: Buffer | null = null;
  while (offset + 8 <= file.length) {
    const id = file.toString("ascii", offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = file.subarray(offset + 8, offset + 8 + size);
    if (id === "fmt ") {
      channels = body.readUInt16LE(2);
      sampleRate = body.readUInt32LE(4);
      bits = body.readUInt16LE(14);
    } else if (id === "data") {
      data = body;
    }
    offset += 8 + size + (size % 2);
  }
  if (!data || bits !== 16 || !channels || !sampleRate) throw new Error(`unsupported WAV (${bits}-bit, ${channels} channel(s))`);
  const frames = Math.floor(data.length / (2 * channels));
  const samples = data;
  return {
    seconds: frames / sampleRate,
    channels,
    sampleRate,
    rms(channel, from, to) {
      const start = Math.max(0, Math.floor(from * sampleRate));
      const end = Math.min(frames, Math.floor(to * sampleRate));
      if (end <= start) return 0;
      let sum = 0;
      for (let i = start; i < end; i++) {
        const v = samples.readInt16LE((i * channels + channel) * 2);
        sum += v * v;
      }
      return Math.sqrt(sum / (end - start));
    },
  };
}
