// The whole WAV of a tenant's completed recording, for the worker to play on one of the tenant's calls (`play`
// with `recording:RE…`). No actor: the worker acts for the call's tenant, and the lookup is scoped to it, so
// another tenant's recording id reads as none.
import type { Readable } from "node:stream";
import { AppError } from "@/server/errors";
import { decryptRecordingRange, findStoredRecording } from "@/server/recordings/recording-media";

export async function openRecordingAudio(input: { tenantId: string; recordingId: string }): Promise<Readable | null> {
  try {
    const recording = await findStoredRecording(input.tenantId, input.recordingId);
    if (recording.size === 0) return null;
    return await decryptRecordingRange(recording, 0, recording.size - 1);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}
