import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { eraseRecording } from "@/server/recordings/erase-recording";
import type { RecordingStore } from "@/server/recordings/recording-store";
import { RECORDING_ADMIN_ROLE, RECORDING_VIEW_SELECT, toRecordingView, type RecordingView } from "@/server/recordings/recording-view";
import { ZRecordingIdInput, type TRecordingIdInput } from "@/server/recordings/recordings.schemas";

/**
 * Deletes a recording's audio for good (the row stays, DELETED, for the call's history). Members need ADMIN;
 * an API key needs the recordings:write scope, which the route checks. Deleting a deleted recording is a no-op.
 */
export async function deleteRecording(actor: Actor, rawInput: TRecordingIdInput, opts: { now?: Date; store?: RecordingStore } = {}): Promise<RecordingView> {
  if (!actor.apiKeyId) assertRole(actor, RECORDING_ADMIN_ROLE);
  const { id } = ZRecordingIdInput.parse(rawInput);
  const now = opts.now ?? new Date();
  const recording = await db.recording.findFirst({ where: { id, tenantId: actor.tenantId } });
  if (!recording) throw notFound("recording");
  if (recording.status === "IN_PROGRESS") throw new AppError("CONFLICT", "the recording is still in progress; delete it once the call has ended");
  if (recording.status !== "DELETED") {
    await eraseRecording(recording, {
      now,
      detail: "deleted by the account",
      store: opts.store,
      inTransaction: (tx) =>
        recordAudit(tx, actor, {
          action: "recording.deleted",
          targetType: "recording",
          targetId: id,
          before: { status: recording.status, callId: recording.callId, durationSeconds: recording.durationSeconds },
          after: { status: "DELETED" },
        }),
    });
  }
  return toRecordingView(await db.recording.findUniqueOrThrow({ where: { id }, select: RECORDING_VIEW_SELECT }));
}
