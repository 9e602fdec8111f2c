// The whole WAV of a tenant's completed recording, for the worker to play on one of the tenant's calls (`play`
// with `recording:RE…`). No actor: the worker acts for the call's tenant, and the lookup is scoped to it, so
// another tenant's recording id reads as none. An uploaded voicemail greeting has a recording id too and is found
// the same way (src/server/voicemail/set-voicemail-greeting-audio.ts).
import type { Readable } from "node:stream";
import { AppError } from "@/server/errors";
import { decryptRecordingRange, findStoredRecording, type StoredRecording } from "@/server/recordings/recording-media";
import { findStoredGreeting } from "@/server/voicemail/find-stored-greeting";

async function findStored(tenantId: string, recordingId: string): Promise<StoredRecording | null> {
  try {
    return await findStoredRecording(tenantId, recordingId);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return findStoredGreeting(tenantId, recordingId);
    throw err;
  }
}

export async function openRecordingAudio(input: { tenantId: string; recordingId: string }): Promise<Readable | null> {
  const recording = await findStored(input.tenantId, input.recordingId);
  if (!recording || recording.size === 0) return null;
  try {
    return await decryptRecordingRange(recording, 0, recording.size - 1);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}
