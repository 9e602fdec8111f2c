// A completed recording's stored bytes, decrypted: the lookup (tenant-scoped) and the streaming decryption of a
// byte range, shared by the media routes (read-recording-range.ts) and the worker's playback of a tenant's own
// recording (open-recording-audio.ts).
import type { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { pipeline } from "node:stream";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { getRecordingStore } from "@/server/recordings/get-recording-store";
import { ciphertextRangeFor, createRecordingDecryptor, headerLength, parseRecordingHeader } from "@/server/recordings/recording-cipher";
import { isRecordingStorageKind, type RecordingStorageKind, type RecordingStore } from "@/server/recordings/recording-store";
import { getDataKey } from "@/server/recordings/tenant-data-key";

export interface StoredRecording {
  id: string;
  tenantId: string;
  size: number;
  contentType: string;
  storage: RecordingStorageKind;
  storageKey: string;
  dataKeyId: string;
}

/** The tenant's completed recording, or NOT_FOUND (another tenant's id included) / not available. */
export async function findStoredRecording(tenantId: string, recordingId: string): Promise<StoredRecording> {
  const recording = await db.recording.findFirst({
    where: { id: recordingId, tenantId },
    select: { id: true, status: true, sizeBytes: true, contentType: true, storage: true, storageKey: true, dataKeyId: true },
  });
  if (!recording) throw notFound("recording");
  if (recording.status !== "COMPLETED" || !recording.storageKey || !recording.dataKeyId || recording.sizeBytes === null || !isRecordingStorageKind(recording.storage)) {
    throw new AppError("NOT_FOUND", `recording media not available (the recording is ${recording.status.toLowerCase().replace("_", " ")})`);
  }
  return {
    id: recording.id,
    tenantId,
    size: Number(recording.sizeBytes),
    contentType: recording.contentType,
    storage: recording.storage,
    storageKey: recording.storageKey,
    dataKeyId: recording.dataKeyId,
  };
}

/** Plaintext bytes from..to (inclusive); only the chunks the range touches are read and decrypted. */
export async function decryptRecordingRange(recording: StoredRecording, from: number, to: number, opts: { store?: RecordingStore } = {}): Promise<Readable> {
  const store = opts.store ?? getRecordingStore(recording.storage);
  const header = parseRecordingHeader(await buffer(await store.getRange(recording.storageKey, 0, headerLength(recording.dataKeyId.length) - 1)));
  if (header.keyId !== recording.dataKeyId || header.plaintextSize !== recording.size) throw new AppError("INTERNAL", `stored recording ${recording.id} does not match its row`);
  const { key } = await getDataKey(recording.tenantId, recording.dataKeyId);
  const stored = ciphertextRangeFor(header, from, to);
  const decryptor = createRecordingDecryptor({ dataKey: key, header, from, to });
  // A chunk failing authentication errors the stream mid-way: a reader sees a cut stream, never bad audio.
  return pipeline(await store.getRange(recording.storageKey, stored.start, stored.end), decryptor, () => {});
}
