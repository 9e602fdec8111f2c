// The worker calls this when the switch has finished a recording file (RECORD_STOP or hangup). The WAV on the
// switch's volume is measured, encrypted with the tenant's data key as it streams into storage, and the switch
// copy is removed once the recording is COMPLETED. Safe to call again: a recording no longer IN_PROGRESS is
// returned as it is, and of two concurrent calls only one completes it (the other removes its own copy).
// A missing or empty file leaves the recording ABSENT, an unreadable WAV FAILED; a storage or database error
// throws and leaves it IN_PROGRESS with the file in place, so the worker can retry.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream";
import { env } from "@/env";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { logger } from "@/server/logger";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import { getRecordingStore } from "@/server/recordings/get-recording-store";
import { ciphertextSize, createRecordingEncryptor } from "@/server/recordings/recording-cipher";
import type { RecordingStore } from "@/server/recordings/recording-store";
import { RECORDING_VIEW_SELECT, toRecordingResource, toRecordingView, type RecordingView } from "@/server/recordings/recording-view";
import { ZIngestRecordingInput, type TIngestRecordingInput } from "@/server/recordings/recordings.schemas";
import { getActiveDataKey } from "@/server/recordings/tenant-data-key";
import { transitionRecording } from "@/server/recordings/transition-recording";
import { trimWavSilence } from "@/server/recordings/trim-wav-silence";
import { readWavInfo, WavFormatError } from "@/server/recordings/wav-header";

export interface IngestRecordingOptions {
  now?: Date;
  store?: RecordingStore;
  /** FREESWITCH_RECORDINGS_DIR unless given. */
  switchRecordingsDir?: string;
  chunkSize?: number;
}

/** The file as this process sees it, refusing anything outside the switch's recordings folder. */
function resolveSwitchFile(dir: string, filePath: string): string {
  const root = path.resolve(dir);
  const file = path.resolve(root, filePath);
  const rel = path.relative(root, file);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new AppError("VALIDATION_FAILED", "filePath: must be a file inside FREESWITCH_RECORDINGS_DIR", { details: { fieldErrors: { filePath: ["must be inside FREESWITCH_RECORDINGS_DIR"] } } });
  }
  return file;
}

async function fileSize(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export async function ingestRecording(rawInput: TIngestRecordingInput, opts: IngestRecordingOptions = {}): Promise<RecordingView> {
  const input = ZIngestRecordingInput.parse(rawInput);
  const now = opts.now ?? new Date();
  const recording = await db.recording.findUnique({ where: { id: input.recordingId } });
  if (!recording) throw notFound("recording");
  const current = async () => toRecordingView(await db.recording.findUniqueOrThrow({ where: { id: recording.id }, select: RECORDING_VIEW_SELECT }));
  if (recording.status !== "IN_PROGRESS") return current();

  const end = async (to: "ABSENT" | "FAILED", errorMessage: string) => {
    await db.$transaction((tx) => transitionRecording(tx, { id: recording.id, from: ["IN_PROGRESS"], to, at: now, data: { errorMessage, completedAt: now }, detail: errorMessage }));
    return current();
  };

  const filePath = input.filePath ?? recording.switchPath;
  if (!filePath) return end("ABSENT", "no recording file was named");
  const file = resolveSwitchFile(opts.switchRecordingsDir ?? env.FREESWITCH_RECORDINGS_DIR, filePath);
  let plaintextSize = await fileSize(file);
  if (plaintextSize === null) return end("ABSENT", "the switch left no recording file");
  if (plaintextSize === 0) {
    await rm(file, { force: true });
    return end("ABSENT", "the recording file is empty");
  }
  let wav;
  try {
    wav = await readWavInfo(file);
  } catch (err) {
    // Kept on the switch's volume for someone to look at.
    if (err instanceof WavFormatError) return end("FAILED", `the recording file is not a usable WAV: ${err.message}`);
    throw err;
  }
  if (wav.dataBytes === 0) {
    await rm(file, { force: true });
    return end("ABSENT", "the recording holds no audio");
  }
  if (input.trimSilence && (await trimWavSilence(file)).trimmed) {
    wav = await readWavInfo(file);
    plaintextSize = (await fileSize(file)) ?? 0;
  }

  const store = opts.store ?? getRecordingStore();
  const dataKey = await getActiveDataKey(recording.tenantId, "recordings");
  // A key of its own per attempt: a concurrent or retried ingest never overwrites the object another completed.
  const storageKey = `${recording.tenantId}/${recording.id}-${randomBytes(4).toString("hex")}.irxr`;
  const encryptor = createRecordingEncryptor({ dataKey: dataKey.key, keyId: dataKey.id, plaintextSize, chunkSize: opts.chunkSize });
  // pipeline() listens for errors at once: a file that vanishes before the store starts reading fails the put.
  const encrypted = pipeline(createReadStream(file), encryptor, () => {});
  const { sizeBytes: storedBytes } = await store.put(storageKey, encrypted);
  const expected = ciphertextSize(plaintextSize, dataKey.id.length, opts.chunkSize);
  if (storedBytes !== expected) {
    await store.delete(storageKey);
    throw new AppError("INTERNAL", `stored ${storedBytes} bytes for recording ${recording.id}, expected ${expected}`);
  }

  const completed = await db.$transaction(async (tx) => {
    const won = await transitionRecording(tx, {
      id: recording.id,
      from: ["IN_PROGRESS"],
      to: "COMPLETED",
      at: now,
      data: {
        channels: wav.channels,
        durationSeconds: wav.durationSeconds,
        sizeBytes: BigInt(plaintextSize),
        contentType: "audio/wav",
        storage: store.kind,
        storageKey,
        dataKeyId: dataKey.id,
        completedAt: now,
        errorMessage: null,
      },
    });
    if (!won) return false;
    const view = toRecordingView(await tx.recording.findUniqueOrThrow({ where: { id: recording.id }, select: RECORDING_VIEW_SELECT }));
    await emitWebhookEvent(tx, { tenantId: recording.tenantId, type: "recording.completed", data: { recording: toRecordingResource(view) } });
    return true;
  });
  if (!completed) {
    await store.delete(storageKey).catch((err: unknown) => logger.warn({ err, storageKey }, "could not remove the copy of a recording another ingest completed"));
  }
  await rm(file, { force: true });
  return current();
}
