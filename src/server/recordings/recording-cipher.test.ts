import { randomBytes, randomInt } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import {
  chunkCount,
  ciphertextRangeFor,
  ciphertextSize,
  createRecordingDecryptor,
  createRecordingEncryptor,
  parseRecordingHeader,
  RecordingCipherError,
} from "@/server/recordings/recording-cipher";

const CHUNK = 64 * 1024;
const KEY_ID = "dk_01jf3z8k2v9x4q7w5e6r8t0y1u";
const dataKey = randomBytes(32);

/** Feeds `bytes` in uneven pieces, so chunk boundaries never line up with writes. */
function pieces(bytes: Buffer): Readable {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = Math.min(bytes.length - at, 1 + randomInt(100_000));
    parts.push(bytes.subarray(at, at + n));
    at += n;
  }
  return Readable.from(parts);
}

async function encrypt(plain: Buffer, chunkSize = CHUNK): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(pieces(plain), createRecordingEncryptor({ dataKey, keyId: KEY_ID, plaintextSize: plain.length, chunkSize }), new Writable({
    write(b: Buffer, _enc, done) {
      out.push(b);
      done();
    },
  }));
  return Buffer.concat(out);
}

/** Decrypts plaintext bytes [from, to] reading only the stored bytes the range needs. */
async function decryptRange(stored: Buffer, from: number, to: number, key = dataKey): Promise<Buffer> {
  const header = parseRecordingHeader(stored);
  const range = ciphertextRangeFor(header, from, to);
  return buffer(Readable.from([stored.subarray(range.start, range.end + 1)]).pipe(createRecordingDecryptor({ dataKey: key, header, from, to })));
}

async function decryptAll(stored: Buffer, key = dataKey): Promise<Buffer> {
  const header = parseRecordingHeader(stored);
  if (header.plaintextSize === 0) return decryptRange(stored, 0, -1, key);
  return decryptRange(stored, 0, header.plaintextSize - 1, key);
}

describe("recording cipher", () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 5 * 1024 * 1024 + 123])("round-trips %i bytes, with the size the header promises", async (size) => {
    const plain = randomBytes(size);
    const stored = await encrypt(plain);
    expect(stored.length).toBe(ciphertextSize(size, KEY_ID.length));
    const header = parseRecordingHeader(stored);
    expect(header).toMatchObject({ keyId: KEY_ID, chunkSize: CHUNK, plaintextSize: size, version: 1 });
    expect(stored.length - header.raw.length - size).toBe(16 * chunkCount(size, CHUNK));
    expect((await decryptAll(stored)).equals(plain)).toBe(true);
  });

  it("encrypts the same plaintext differently every time (fresh salt and nonces)", async () => {
    const plain = randomBytes(1000);
    const [a, b] = await Promise.all([encrypt(plain), encrypt(plain)]);
    expect(a.equals(b)).toBe(false);
  });

  it("serves random ranges equal to the plaintext slice, decrypting only the chunks they touch", async () => {
    const plain = randomBytes(10 * 4096 + 77);
    const stored = await encrypt(plain, 4096);
    const header = parseRecordingHeader(stored);
    const cases: [number, number][] = [
      [0, 0],
      [0, plain.length - 1],
      [4095, 4096],
      [4096, 8191],
      [plain.length - 1, plain.length - 1],
      [plain.length - 78, plain.length - 1],
    ];
    for (let i = 0; i < 60; i++) {
      const from = randomInt(plain.length);
      cases.push([from, from + randomInt(plain.length - from)]);
    }
    for (const [from, to] of cases) {
      const range = ciphertextRangeFor(header, from, to);
      expect(range.lastChunk - range.firstChunk).toBe(Math.floor(to / 4096) - Math.floor(from / 4096));
      expect((await decryptRange(stored, from, to)).equals(plain.subarray(from, to + 1)), `${from}-${to}`).toBe(true);
    }
  });

  it("refuses a flipped bit anywhere: header, ciphertext or tag", async () => {
    const plain = randomBytes(3 * CHUNK + 10);
    const stored = await encrypt(plain);
    const headerBytes = parseRecordingHeader(stored).raw.length;
    // In the salt (header, AAD), in the first chunk's body, in the last chunk's tag.
    for (const at of [headerBytes - 10, headerBytes + 5, stored.length - 1]) {
      const bad = Buffer.from(stored);
      bad[at]! ^= 0x01;
      await expect(decryptAll(bad)).rejects.toBeInstanceOf(RecordingCipherError);
    }
  });

  it("refuses chunks swapped into each other's place", async () => {
    const plain = randomBytes(2 * 1024);
    const stored = await encrypt(plain, 1024);
    const h = parseRecordingHeader(stored).raw.length;
    const sealed = 1024 + 16;
    const swapped = Buffer.concat([stored.subarray(0, h), stored.subarray(h + sealed), stored.subarray(h, h + sealed)]);
    await expect(decryptAll(swapped)).rejects.toThrow(/failed authentication/);
  });

  it("detects truncation: mid-chunk, at a chunk boundary, and with the header's size edited to match", async () => {
    const plain = randomBytes(4 * 1024);
    const stored = await encrypt(plain, 1024);
    const h = parseRecordingHeader(stored).raw.length;
    await expect(decryptAll(stored.subarray(0, stored.length - 5))).rejects.toThrow(/truncated/);
    await expect(decryptAll(stored.subarray(0, h + 3 * (1024 + 16)))).rejects.toThrow(/truncated/);

    // Drop the last chunk and claim 3 KiB: the header is every chunk's AAD, and chunk 2 was not sealed as last.
    const cut = Buffer.from(stored.subarray(0, h + 3 * (1024 + 16)));
    cut.writeBigUInt64BE(3n * 1024n, h - 8 - 16 - 7);
    expect(parseRecordingHeader(cut).plaintextSize).toBe(3 * 1024);
    await expect(decryptAll(cut)).rejects.toThrow(/failed authentication/);
  });

  it("refuses another tenant's key", async () => {
    const stored = await encrypt(randomBytes(5000));
    await expect(decryptAll(stored, randomBytes(32))).rejects.toThrow(/failed authentication/);
  });

  it("refuses a plaintext stream longer or shorter than declared", async () => {
    const run = (declared: number, actual: number) =>
      pipeline(Readable.from([randomBytes(actual)]), createRecordingEncryptor({ dataKey, keyId: KEY_ID, plaintextSize: declared }), new Writable({ write: (_b, _e, done) => done() }));
    await expect(run(10, 11)).rejects.toThrow(/longer/);
    await expect(run(10, 9)).rejects.toThrow(/ended after 9/);
  });

  it("refuses bytes that are not an encrypted recording", () => {
    expect(() => parseRecordingHeader(Buffer.from("RIFF....WAVEfmt "))).toThrow(RecordingCipherError);
  });
});
