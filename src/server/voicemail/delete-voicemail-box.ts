import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/audit/record-audit";
import type { RecordingStore } from "@/server/recordings/recording-store";
import { assertRole, type Actor } from "@/server/tenancy";
import { removeGreetingObject } from "@/server/voicemail/set-voicemail-greeting-audio";
import { loadVoicemailBox } from "@/server/voicemail/voicemail-box-access";
import { VOICEMAIL_ADMIN_ROLE, type VoicemailBoxView } from "@/server/voicemail/voicemail-view";
import { ZVoicemailBoxIdInput, type TVoicemailBoxIdInput } from "@/server/voicemail/voicemail.schemas";

/**
 * Deletes an empty box (and its uploaded greeting). A box that still holds messages is refused: deleting it would
 * take the callers' messages with it, so they are deleted (or kept) first, one decision at a time.
 */
export async function deleteVoicemailBox(actor: Actor, rawInput: TVoicemailBoxIdInput, opts: { store?: RecordingStore } = {}): Promise<VoicemailBoxView> {
  if (!actor.apiKeyId) assertRole(actor, VOICEMAIL_ADMIN_ROLE);
  const { id } = ZVoicemailBoxIdInput.parse(rawInput);
  const { box, greeting } = await db.$transaction(async (tx) => {
    const box = await loadVoicemailBox(tx, actor.tenantId, id);
    const messages = await tx.voicemail.count({ where: { boxId: id } });
    if (messages > 0) throw new AppError("CONFLICT", `the box still holds ${messages} message${messages === 1 ? "" : "s"}; delete them first`);
    const greeting = await tx.voicemailGreeting.findUnique({ where: { boxId: id } });
    await tx.voicemailBox.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "voicemail_box.deleted", targetType: "voicemail_box", targetId: id, before: { name: box.name, userId: box.userId, notifyEmails: box.notifyEmails } });
    return { box, greeting };
  });
  if (greeting) await removeGreetingObject(greeting, opts.store);
  return box;
}
