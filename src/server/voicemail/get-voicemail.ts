import { db, type DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { VOICEMAIL_READ_ROLE, VOICEMAIL_SELECT, toVoicemailView, type VoicemailView } from "@/server/voicemail/voicemail-view";
import { ZVoicemailIdInput, type TVoicemailIdInput } from "@/server/voicemail/voicemail.schemas";

export async function loadVoicemail(tx: DbOrTx, tenantId: string, id: string): Promise<VoicemailView> {
  const row = await tx.voicemail.findFirst({ where: { id, tenantId }, select: VOICEMAIL_SELECT });
  if (!row) throw notFound("voicemail");
  return toVoicemailView(row);
}

export async function getVoicemail(actor: Actor, rawInput: TVoicemailIdInput): Promise<VoicemailView> {
  assertRole(actor, VOICEMAIL_READ_ROLE);
  const { id } = ZVoicemailIdInput.parse(rawInput);
  return loadVoicemail(db, actor.tenantId, id);
}
