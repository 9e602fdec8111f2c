import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import type { RecordingStore } from "@/server/recordings/recording-store";
import { assertRole, type Actor } from "@/server/tenancy";
import { removeGreetingObject } from "@/server/voicemail/set-voicemail-greeting-audio";
import { loadVoicemailBox } from "@/server/voicemail/voicemail-box-access";
import { VOICEMAIL_ADMIN_ROLE, type VoicemailBoxView } from "@/server/voicemail/voicemail-view";
import { ZVoicemailBoxIdInput, type TVoicemailBoxIdInput } from "@/server/voicemail/voicemail.schemas";

/** Back to the text greeting (or the default one): the uploaded audio is removed. */
export async function removeVoicemailGreetingAudio(actor: Actor, rawInput: TVoicemailBoxIdInput, opts: { store?: RecordingStore } = {}): Promise<VoicemailBoxView> {
  if (!actor.apiKeyId) assertRole(actor, VOICEMAIL_ADMIN_ROLE);
  const { id } = ZVoicemailBoxIdInput.parse(rawInput);
  await loadVoicemailBox(db, actor.tenantId, id);
  const removed = await db.$transaction(async (tx) => {
    const old = await tx.voicemailGreeting.findUnique({ where: { boxId: id } });
    if (!old) return null;
    await tx.voicemailGreeting.delete({ where: { id: old.id } });
    await recordAudit(tx, actor, { action: "voicemail_box.greeting_removed", targetType: "voicemail_box", targetId: id, before: { greetingAudioId: old.id } });
    return old;
  });
  if (removed) await removeGreetingObject(removed, opts.store);
  return loadVoicemailBox(db, actor.tenantId, id);
}
