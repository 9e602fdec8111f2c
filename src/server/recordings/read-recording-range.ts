// Serves a recording's WAV, whole or one byte range (the browser's <audio> seeks with Range requests): only the
// header and the chunks the range touches are read from storage and decrypted, as a stream.
import type { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { pipeline } from "node:stream";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { parseByteRange } from "@/server/recordings/byte-range";
import { getRecordingStore } from "@/server/recordings/get-recording-store";
import { ciphertextRangeFor, createRecordingDecryptor, headerLength, parseRecordingHeader } from "@/server/recordings/recording-cipher";
import { isRecordingStorageKind, type RecordingStore } from "@/server/recordings/recording-store";
import { RECORDING_READ_ROLE } from "@/server/recordings/recording-view";
import { getDataKey } from "@/server/recordings/tenant-data-key";

export type RecordingMedia =
  | { status: 200 | 206; headers: Record<string, string>; body: Readable }
  | { status: 416; headers: Record<string, string>; body: null };

/** `range` is the request's Range header as sent (null for none). */
export async function readRecordingRange(actor: Actor, recordingId: string, range: string | null, opts: { store?: RecordingStore } = {}): Promise<RecordingMedia> {
  assertRole(actor, RECORDING_READ_ROLE);
  const recording = await db.recording.findFirst({
    where: { id: recordingId, tenantId: actor.tenantId },
    select: { id: true, status: true, sizeBytes: true, contentType: true, storage: true, storageKey: true, dataKeyId: true },
  });
  if (!recording) throw notFound("recording");
  if (recording.status !== "COMPLETED" || !recording.storageKey || !recording.dataKeyId || recording.sizeBytes === null || !isRecordingStorageKind(recording.storage)) {
    throw new AppError("NOT_FOUND", `recording media not available (the recording is ${recording.status.toLowerCase().replace("_", " ")})`);
  }
  const size = Number(recording.sizeBytes);
  const headers: Record<string, string> = {
    "content-type": recording.contentType,
    "accept-ranges": "bytes",
    "cache-control": "private, no-store",
    "content-disposition": `inline; filename="${recording.id}.wav"`,
  };
  const wanted = parseByteRange(range, size);
  if (wanted.kind === "unsatisfiable") return { status: 416, headers: { ...headers, "content-range": `bytes */${size}` }, body: null };
  const [from, to] = wanted.kind === "partial" ? [wanted.start, wanted.end] : [0, size - 1];

  const store = opts.store ?? getRecordingStore(recording.storage);
  const header = parseRecordingHeader(await buffer(await store.getRange(recording.storageKey, 0, headerLength(recording.dataKeyId.length) - 1)));
  if (header.keyId !== recording.dataKeyId || header.plaintextSize !== size) throw new AppError("INTERNAL", `stored recording ${recording.id} does not match its row`);
  const { key } = await getDataKey(actor.tenantId, recording.dataKeyId);
  const stored = ciphertextRangeFor(header, from, to);
  const decryptor = createRecordingDecryptor({ dataKey: key, header, from, to });
  // A chunk failing authentication errors the body mid-stream: the client sees a cut response, never bad audio.
  const body = pipeline(await store.getRange(recording.storageKey, stored.start, stored.end), decryptor, () => {});

  headers["content-length"] = String(to - from + 1);
  if (wanted.kind === "partial") {
    headers["content-range"] = `bytes ${from}-${to}/${size}`;
    return { status: 206, headers, body };
  }
  return { status: 200, headers, body };
}
