import { db } from "@/server/db";
import { ZFindPendingRecordingsInput, type TFindPendingRecordingsInput } from "@/server/recordings/recordings.schemas";

/**
 * Recordings still IN_PROGRESS: for the worker's reconcile after a restart, which ingests each (a file that is
 * gone makes it ABSENT). Oldest first. Not tenant-scoped: the worker serves every tenant on its switch.
 */
export async function findPendingRecordings(rawInput: TFindPendingRecordingsInput) {
  const input = ZFindPendingRecordingsInput.parse(rawInput);
  return db.recording.findMany({
    where: { status: "IN_PROGRESS", createdAt: { lt: input.startedBefore }, ...(input.switchPathPrefix ? { switchPath: { startsWith: input.switchPathPrefix } } : {}) },
    orderBy: { createdAt: "asc" },
    take: input.limit,
    select: { id: true, tenantId: true, callId: true, switchPath: true, startedAt: true },
  });
}
