import { db, type Tx } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/audit/record-audit";
import { eraseRecording } from "@/server/recordings/erase-recording";
import type { RecordingStore } from "@/server/recordings/recording-store";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadVoicemail } from "@/server/voicemail/get-voicemail";
import { VOICEMAIL_ADMIN_ROLE, type VoicemailView } from "@/server/voicemail/voicemail-view";
import { ZVoicemailIdInput, type TVoicemailIdInput } from "@/server/voicemail/voicemail.schemas";

/**
 * Deletes a message: its audio is erased like a deleted recording (the recording stays on the call, DELETED) and
 * the message leaves the inbox. Members need ADMIN; API keys the voicemail:write scope.
 */
export async function deleteVoicemail(actor: Actor, rawInput: TVoicemailIdInput, opts: { now?: Date; store?: RecordingStore } = {}): Promise<VoicemailView> {
  if (!actor.apiKeyId) assertRole(actor, VOICEMAIL_ADMIN_ROLE);
  const { id } = ZVoicemailIdInput.parse(rawInput);
  const now = opts.now ?? new Date();
  const voicemail = await loadVoicemail(db, actor.tenantId, id);
  const recording = await db.recording.findUniqueOrThrow({ where: { id: voicemail.recordingId }, select: { id: true, status: true, storage: true, storageKey: true } });
  if (recording.status === "IN_PROGRESS") throw new AppError("CONFLICT", "the message is still being stored; delete it in a moment");
  const forget = async (tx: Tx) => {
    await tx.voicemail.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "voicemail.deleted",
      targetType: "voicemail",
      targetId: id,
      before: { boxId: voicemail.boxId, callId: voicemail.callId, recordingId: voicemail.recordingId, from: voicemail.from, durationSeconds: voicemail.durationSeconds },
    });
  };
  // A recording already erased (deleted on its own, or by retention) leaves only the message to remove.
  const erased = recording.status !== "DELETED" && (await eraseRecording(recording, { now, detail: "voicemail deleted by the account", store: opts.store, inTransaction: forget }));
  if (!erased) await db.$transaction(forget);
  return voicemail;
}
