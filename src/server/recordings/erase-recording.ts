// Removes a recording's stored bytes, then marks it DELETED (in that order: a failure in between leaves a
// recording that a retry deletes again, never bytes that nothing points at any more).
import type { Recording } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import { getRecordingStore } from "@/server/recordings/get-recording-store";
import { isRecordingStorageKind, type RecordingStore } from "@/server/recordings/recording-store";
import { transitionRecording } from "@/server/recordings/transition-recording";

/** Statuses a recording can be deleted from (IN_PROGRESS is still being written by the switch). */
export const ERASABLE_STATUSES = ["COMPLETED", "ABSENT", "FAILED"] as const;

export async function eraseRecording(
  recording: Pick<Recording, "id" | "storage" | "storageKey">,
  opts: { now: Date; detail: string; store?: RecordingStore; inTransaction?: (tx: Tx) => Promise<void> },
): Promise<boolean> {
  if (recording.storageKey && isRecordingStorageKind(recording.storage)) {
    await (opts.store ?? getRecordingStore(recording.storage)).delete(recording.storageKey);
  }
  return db.$transaction(async (tx) => {
    const done = await transitionRecording(tx, { id: recording.id, from: [...ERASABLE_STATUSES], to: "DELETED", at: opts.now, data: { deletedAt: opts.now, storageKey: null }, detail: opts.detail });
    if (done) await opts.inTransaction?.(tx);
    return done;
  });
}
