import { describe, expect, it } from "vitest";
import { parseByteRange } from "@/server/recordings/byte-range";
import { parseWavHeader, WavFormatError } from "@/server/recordings/wav-header";
import { pcmWav } from "@/test/recording-fixtures";

describe("parseWavHeader", () => {
  it("reads channels, rate and duration of a PCM WAV", () => {
    const wav = pcmWav({ seconds: 4, channels: 2, sampleRate: 16000 });
    expect(parseWavHeader(wav, wav.length)).toEqual({ format: 1, channels: 2, sampleRate: 16000, bitsPerSample: 16, byteRate: 64000, dataBytes: 256000, dataOffset: 44, durationSeconds: 4 });
  });

  it("takes a cut-off recording's data to the end of the file (size 0, 0xFFFFFFFF, or past the end)", () => {
    const wav = pcmWav({ seconds: 2 });
    for (const declared of [0, 0xffffffff, wav.length * 2]) {
      const cut = Buffer.from(wav);
      cut.writeUInt32LE(declared, 40);
      expect(parseWavHeader(cut, cut.length)).toMatchObject({ dataBytes: wav.length - 44, durationSeconds: 2 });
    }
  });

  it("skips chunks before the data (LIST, fact) and refuses what is not a WAV", () => {
    const wav = pcmWav({ seconds: 1 });
    const list = Buffer.concat([Buffer.from("LIST"), Buffer.from([5, 0, 0, 0]), Buffer.from("INFOx"), Buffer.from([0])]); // odd size: padded
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    expect(parseWavHeader(withList, withList.length)).toMatchObject({ dataBytes: 16000, durationSeconds: 1 });
    expect(() => parseWavHeader(Buffer.from("ID3\x03 not a wav"), 14)).toThrow(WavFormatError);
    expect(() => parseWavHeader(wav.subarray(0, 36), 36)).toThrow(/no data chunk/);
  });
});

describe("parseByteRange", () => {
  it.each([
    [null, { kind: "full" }],
    ["bytes=0-99", { kind: "partial", start: 0, end: 99 }],
    ["bytes=900-", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-1", { kind: "partial", start: 999, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["bytes=500-5000", { kind: "partial", start: 500, end: 999 }],
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=5-1", { kind: "full" }],
    ["bytes=0-1,3-4", { kind: "full" }],
    ["pages=1-2", { kind: "full" }],
  ] as const)("%s of 1000 bytes", (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });
});
