// The encrypted form of a recording: a header, then the plaintext in fixed-size chunks, each sealed with
// AES-256-GCM on its own, so any byte range is served by decrypting only the chunks it touches.
//
//   header  = "IRXR" | version u8 | keyIdLength u8 | keyId | chunkSize u32 | plaintextSize u64 | salt[16] | noncePrefix[7]
//   chunk i = AES-256-GCM(fileKey, nonce = noncePrefix | i u32 | last u8, aad = header) → ciphertext | tag[16]
//
// fileKey = HKDF-SHA256(tenant data key, salt): every file has its own key, so nonces never repeat across files.
// The chunk index in the nonce authenticates order; the "last" byte authenticates the final chunk, so a file cut
// at a chunk boundary fails; the header (with the plaintext size) is the AAD of every chunk, so it cannot be edited.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

const MAGIC = Buffer.from("IRXR", "ascii");
const VERSION = 1;
const TAG_BYTES = 16;
const SALT_BYTES = 16;
const NONCE_PREFIX_BYTES = 7;
const MAX_KEY_ID_BYTES = 64;
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
const HKDF_INFO = Buffer.from("irisx-recording-v1", "ascii");

export const DEFAULT_CHUNK_SIZE = 64 * 1024;

/** Thrown when a recording's bytes fail authentication, are cut short, or are not in this format. */
export class RecordingCipherError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RecordingCipherError";
  }
}

export interface RecordingHeader {
  version: number;
  keyId: string;
  chunkSize: number;
  plaintextSize: number;
  salt: Buffer;
  noncePrefix: Buffer;
  /** The header's bytes as stored: the AAD of every chunk. */
  raw: Buffer;
}

/** Bytes of the header for a key id of this length (the header is the only variable-size part). */
export function headerLength(keyIdLength: number): number {
  return MAGIC.length + 1 + 1 + keyIdLength + 4 + 8 + SALT_BYTES + NONCE_PREFIX_BYTES;
}

/** The longest header there can be: enough to read before the key id is known. */
export const MAX_HEADER_LENGTH = headerLength(MAX_KEY_ID_BYTES);

export function chunkCount(plaintextSize: number, chunkSize: number): number {
  // An empty recording still has one (empty, final) chunk, so even it carries a tag.
  return plaintextSize === 0 ? 1 : Math.ceil(plaintextSize / chunkSize);
}

function chunkPlaintextLength(h: Pick<RecordingHeader, "chunkSize" | "plaintextSize">, index: number): number {
  return Math.min(h.chunkSize, h.plaintextSize - index * h.chunkSize);
}

/** Where chunk `index` starts in the stored object. */
function chunkOffset(h: Pick<RecordingHeader, "chunkSize" | "raw">, index: number): number {
  return h.raw.length + index * (h.chunkSize + TAG_BYTES);
}

export function ciphertextSize(plaintextSize: number, keyIdLength: number, chunkSize = DEFAULT_CHUNK_SIZE): number {
  return headerLength(keyIdLength) + plaintextSize + chunkCount(plaintextSize, chunkSize) * TAG_BYTES;
}

function encodeHeader(h: Omit<RecordingHeader, "raw" | "version">): Buffer {
  const keyId = Buffer.from(h.keyId, "ascii");
  if (keyId.length === 0 || keyId.length > MAX_KEY_ID_BYTES) throw new RecordingCipherError(`key id must be 1 to ${MAX_KEY_ID_BYTES} bytes`);
  const out = Buffer.alloc(headerLength(keyId.length));
  let at = MAGIC.copy(out, 0);
  at = out.writeUInt8(VERSION, at);
  at = out.writeUInt8(keyId.length, at);
  at += keyId.copy(out, at);
  at = out.writeUInt32BE(h.chunkSize, at);
  at = out.writeBigUInt64BE(BigInt(h.plaintextSize), at);
  at += h.salt.copy(out, at);
  h.noncePrefix.copy(out, at);
  return out;
}

/** Reads a header from the start of a stored object (`bytes` may run past the header). */
export function parseRecordingHeader(bytes: Buffer): RecordingHeader {
  if (bytes.length < headerLength(1) || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new RecordingCipherError("not an encrypted recording");
  let at = MAGIC.length;
  const version = bytes.readUInt8(at++);
  if (version !== VERSION) throw new RecordingCipherError(`unknown encrypted recording version ${version}`);
  const keyIdLength = bytes.readUInt8(at++);
  const length = headerLength(keyIdLength);
  if (keyIdLength === 0 || keyIdLength > MAX_KEY_ID_BYTES || bytes.length < length) throw new RecordingCipherError("encrypted recording header is cut short");
  const keyId = bytes.toString("ascii", at, at + keyIdLength);
  at += keyIdLength;
  const chunkSize = bytes.readUInt32BE(at);
  at += 4;
  const plaintextSize = bytes.readBigUInt64BE(at);
  at += 8;
  if (chunkSize === 0 || chunkSize > MAX_CHUNK_SIZE) throw new RecordingCipherError(`bad chunk size ${chunkSize}`);
  if (plaintextSize > BigInt(Number.MAX_SAFE_INTEGER)) throw new RecordingCipherError("plaintext size out of range");
  const salt = Buffer.from(bytes.subarray(at, at + SALT_BYTES));
  at += SALT_BYTES;
  const noncePrefix = Buffer.from(bytes.subarray(at, at + NONCE_PREFIX_BYTES));
  return { version, keyId, chunkSize, plaintextSize: Number(plaintextSize), salt, noncePrefix, raw: Buffer.from(bytes.subarray(0, length)) };
}

function fileKey(dataKey: Buffer, salt: Buffer): Buffer {
  if (dataKey.length !== 32) throw new RecordingCipherError("data key must be 32 bytes");
  return Buffer.from(hkdfSync("sha256", dataKey, salt, HKDF_INFO, 32));
}

function chunkNonce(noncePrefix: Buffer, index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  noncePrefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  nonce.writeUInt8(last ? 1 : 0, 11);
  return nonce;
}

function sealChunk(key: Buffer, h: RecordingHeader, index: number, plaintext: Buffer): Buffer {
  const last = index === chunkCount(h.plaintextSize, h.chunkSize) - 1;
  const cipher = createCipheriv("aes-256-gcm", key, chunkNonce(h.noncePrefix, index, last));
  cipher.setAAD(h.raw);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function openChunk(key: Buffer, h: RecordingHeader, index: number, sealed: Buffer): Buffer {
  const last = index === chunkCount(h.plaintextSize, h.chunkSize) - 1;
  const decipher = createDecipheriv("aes-256-gcm", key, chunkNonce(h.noncePrefix, index, last));
  decipher.setAAD(h.raw);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch (err) {
    throw new RecordingCipherError(`chunk ${index} failed authentication (tampered, reordered, or the wrong key)`, { cause: err });
  }
}

/**
 * A transform from plaintext to the stored form (header first). The plaintext size must be known up front (it is
 * in the header, and it marks the final chunk without look-ahead); a stream of any other length fails.
 */
export function createRecordingEncryptor(opts: { dataKey: Buffer; keyId: string; plaintextSize: number; chunkSize?: number }): Transform {
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(opts.plaintextSize) || opts.plaintextSize < 0) throw new RecordingCipherError("plaintext size must be a non-negative integer");
  if (!Number.isInteger(chunkSize) || chunkSize <= 0 || chunkSize > MAX_CHUNK_SIZE) throw new RecordingCipherError(`bad chunk size ${chunkSize}`);
  const salt = randomBytes(SALT_BYTES);
  const noncePrefix = randomBytes(NONCE_PREFIX_BYTES);
  const raw = encodeHeader({ keyId: opts.keyId, chunkSize, plaintextSize: opts.plaintextSize, salt, noncePrefix });
  const header: RecordingHeader = { version: VERSION, keyId: opts.keyId, chunkSize, plaintextSize: opts.plaintextSize, salt, noncePrefix, raw };
  const key = fileKey(opts.dataKey, salt);
  const total = chunkCount(opts.plaintextSize, chunkSize);
  const buffer = Buffer.allocUnsafe(Math.min(chunkSize, Math.max(opts.plaintextSize, 1)));
  let filled = 0;
  let index = 0;
  let received = 0;
  let headerSent = false;

  const sendHeader = (t: Transform) => {
    if (!headerSent) t.push(raw);
    headerSent = true;
  };

  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      sendHeader(this);
      received += data.length;
      if (received > opts.plaintextSize) return done(new RecordingCipherError(`plaintext is longer than the declared ${opts.plaintextSize} bytes`));
      let at = 0;
      while (at < data.length) {
        const want = chunkPlaintextLength(header, index) - filled;
        const n = Math.min(want, data.length - at);
        data.copy(buffer, filled, at, at + n);
        filled += n;
        at += n;
        if (filled === chunkPlaintextLength(header, index)) {
          this.push(sealChunk(key, header, index, buffer.subarray(0, filled)));
          index++;
          filled = 0;
        }
      }
      done();
    },
    flush(done: TransformCallback) {
      sendHeader(this);
      if (received !== opts.plaintextSize) return done(new RecordingCipherError(`plaintext ended after ${received} of the declared ${opts.plaintextSize} bytes`));
      if (index < total) this.push(sealChunk(key, header, index, Buffer.alloc(0))); // the empty recording's only chunk
      done();
    },
  });
}

/** The stored byte range `[start, end]` (inclusive) holding plaintext bytes `[from, to]`. */
export function ciphertextRangeFor(h: RecordingHeader, from: number, to: number): { start: number; end: number; firstChunk: number; lastChunk: number } {
  if (h.plaintextSize === 0) return { start: chunkOffset(h, 0), end: chunkOffset(h, 0) + TAG_BYTES - 1, firstChunk: 0, lastChunk: 0 };
  if (from < 0 || to < from || to >= h.plaintextSize) throw new RecordingCipherError(`range ${from}-${to} is outside the ${h.plaintextSize}-byte recording`);
  const firstChunk = Math.floor(from / h.chunkSize);
  const lastChunk = Math.floor(to / h.chunkSize);
  return { start: chunkOffset(h, firstChunk), end: chunkOffset(h, lastChunk) + chunkPlaintextLength(h, lastChunk) + TAG_BYTES - 1, firstChunk, lastChunk };
}

/**
 * A transform from the stored chunks `ciphertextRangeFor(header, from, to)` selects to plaintext bytes
 * `[from, to]`. Any chunk that fails authentication, or an input that ends early, errors the stream.
 * For an empty recording pass from = 0, to = -1: its one chunk is checked and nothing is emitted.
 */
export function createRecordingDecryptor(opts: { dataKey: Buffer; header: RecordingHeader; from: number; to: number }): Transform {
  const h = opts.header;
  const key = fileKey(opts.dataKey, h.salt);
  const empty = h.plaintextSize === 0;
  const { firstChunk, lastChunk } = ciphertextRangeFor(h, empty ? 0 : opts.from, empty ? 0 : opts.to);
  const sealedLength = (i: number) => (empty ? 0 : chunkPlaintextLength(h, i)) + TAG_BYTES;
  let index = firstChunk;
  let buffer = Buffer.allocUnsafe(sealedLength(index));
  let filled = 0;

  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      let at = 0;
      try {
        while (at < data.length) {
          if (index > lastChunk) throw new RecordingCipherError("more ciphertext than the range holds");
          const n = Math.min(buffer.length - filled, data.length - at);
          data.copy(buffer, filled, at, at + n);
          filled += n;
          at += n;
          if (filled === buffer.length) {
            const plain = openChunk(key, h, index, buffer);
            const chunkStart = index * h.chunkSize;
            const sliceFrom = Math.max(opts.from - chunkStart, 0);
            const sliceTo = Math.min(opts.to - chunkStart + 1, plain.length);
            if (sliceTo > sliceFrom) this.push(plain.subarray(sliceFrom, sliceTo));
            index++;
            filled = 0;
            if (index <= lastChunk) buffer = Buffer.allocUnsafe(sealedLength(index));
          }
        }
      } catch (err) {
        return done(err as Error);
      }
      done();
    },
    flush(done: TransformCallback) {
      if (index <= lastChunk) return done(new RecordingCipherError(`encrypted recording is truncated: chunk ${index} of ${chunkCount(h.plaintextSize, h.chunkSize)} is incomplete`));
      done();
    },
  });
}
