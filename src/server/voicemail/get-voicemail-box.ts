import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadVoicemailBox } from "@/server/voicemail/voicemail-box-access";
import { VOICEMAIL_READ_ROLE, type VoicemailBoxView } from "@/server/voicemail/voicemail-view";
import { ZVoicemailBoxIdInput, type TVoicemailBoxIdInput } from "@/server/voicemail/voicemail.schemas";

export async function getVoicemailBox(actor: Actor, rawInput: TVoicemailBoxIdInput): Promise<VoicemailBoxView> {
  assertRole(actor, VOICEMAIL_READ_ROLE);
  const { id } = ZVoicemailBoxIdInput.parse(rawInput);
  return loadVoicemailBox(db, actor.tenantId, id);
}
