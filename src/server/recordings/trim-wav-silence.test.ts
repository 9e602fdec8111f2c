import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { trimWavSilence } from "./trim-wav-silence";
import { readWavInfo } from "./wav-header";

/** A 16-bit PCM WAV: `parts` of [seconds, amplitude] (0: digital silence, else a 440 Hz tone), each channel alike. */
function wav(parts: [number, number][], sampleRate = 8000, channels = 1): Buffer {
  const samples: number[] = [];
  for (const [seconds, amplitude] of parts) {
    for (let i = 0; i < Math.round(seconds * sampleRate); i++) samples.push(Math.round(amplitude * Math.sin((2 * Math.PI * 440 * i) / sampleRate)));
  }
  const data = Buffer.alloc(samples.length * 2 * channels);
  samples.forEach((v, i) => {
    for (let c = 0; c < channels; c++) data.writeInt16LE(c === 0 || channels === 1 ? v : 0, (i * channels + c) * 2);
  });
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2 * channels, 28);
  header.writeUInt16LE(2 * channels, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

async function fileOf(buf: Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "trim-")), "r.wav");
  await writeFile(file, buf);
  return file;
}

describe("trimWavSilence", () => {
  it("cuts the silence before the first sound and after the last, keeping 200 ms either side", async () => {
    const file = await fileOf(wav([[2, 0], [1.5, 8000], [0.5, 0], [1, 8000], [3, 50]]));
    const result = await trimWavSilence(file);
    expect(result.trimmed).toBe(true);
    expect(result.headSeconds).toBeCloseTo(1.8, 1);
    expect(result.tailSeconds).toBeCloseTo(2.8, 1);
    const info = await readWavInfo(file);
    // 1.5 + 0.5 + 1 s of sound and the gap between, plus 0.2 s each side.
    expect(info.dataBytes / info.byteRate).toBeCloseTo(3.4, 1);
    expect(info).toMatchObject({ channels: 1, sampleRate: 8000, bitsPerSample: 16, dataOffset: 44 });
  });

  it("a stereo recording is trimmed to the sound of either side", async () => {
    const file = await fileOf(wav([[1, 0], [1, 6000], [1, 0]], 16000, 2));
    expect((await trimWavSilence(file)).trimmed).toBe(true);
    const info = await readWavInfo(file);
    expect(info.channels).toBe(2);
    expect(info.dataBytes / info.byteRate).toBeCloseTo(1.4, 1);
  });

  it("leaves alone a recording of silence only, one with nothing to cut, and one that is not 16-bit PCM", async () => {
    const silent = wav([[2, 30]]);
    const silentFile = await fileOf(silent);
    expect(await trimWavSilence(silentFile)).toMatchObject({ trimmed: false });
    expect(await readFile(silentFile)).toEqual(silent);
    const full = wav([[1, 9000]]);
    const fullFile = await fileOf(full);
    expect(await trimWavSilence(fullFile)).toMatchObject({ trimmed: false });
    expect(await readFile(fullFile)).toEqual(full);
    const alaw = wav([[1, 0], [1, 9000]]);
    alaw.writeUInt16LE(6, 20);
    const alawFile = await fileOf(alaw);
    expect(await trimWavSilence(alawFile)).toMatchObject({ trimmed: false });
  });
});
