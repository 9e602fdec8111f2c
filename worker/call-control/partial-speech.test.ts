import { describe, expect, it } from "vitest";
import { wavSoFar } from "./partial-speech";

function growingWav(dataBytes: number, extra = 0): Buffer {
  // As the switch leaves it while recording: sizes still 0 in the header.
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  return Buffer.concat([header, Buffer.alloc(dataBytes + extra, 7)]);
}

describe("a recording read while it grows", () => {
  it("gets true RIFF and data sizes, and a half-written sample is left out", () => {
    const wav = wavSoFar(growingWav(16000, 1))!;
    expect(wav.length).toBe(44 + 16000);
    expect(wav.readUInt32LE(4)).toBe(36 + 16000);
    expect(wav.readUInt32LE(40)).toBe(16000);
  });

  it("is nothing until the header is there", () => {
    expect(wavSoFar(Buffer.from("RIFF"))).toBeNull();
    expect(wavSoFar(Buffer.alloc(100))).toBeNull();
  });
});
