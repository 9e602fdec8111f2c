import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadVoicemail } from "@/server/voicemail/get-voicemail";
import { VOICEMAIL_READ_ROLE, type VoicemailView } from "@/server/voicemail/voicemail-view";
import { ZMarkVoicemailReadInput, type TMarkVoicemailReadInput } from "@/server/voicemail/voicemail.schemas";

/** Read or unread again. Marking a read message read keeps the time it was first read. */
export async function markVoicemailRead(actor: Actor, rawInput: TMarkVoicemailReadInput, opts: { now?: Date } = {}): Promise<VoicemailView> {
  assertRole(actor, VOICEMAIL_READ_ROLE);
  const input = ZMarkVoicemailReadInput.parse(rawInput);
  await loadVoicemail(db, actor.tenantId, input.id);
  await db.voicemail.updateMany({
    where: { id: input.id, tenantId: actor.tenantId, ...(input.read ? { readAt: null } : {}) },
    data: { readAt: input.read ? (opts.now ?? new Date()) : null },
  });
  return loadVoicemail(db, actor.tenantId, input.id);
}
