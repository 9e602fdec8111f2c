import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { assertBoxOwnerIsMember, loadVoicemailBox } from "@/server/voicemail/voicemail-box-access";
import { VOICEMAIL_ADMIN_ROLE, type VoicemailBoxView } from "@/server/voicemail/voicemail-view";
import { ZCreateVoicemailBoxInput, type TCreateVoicemailBoxInput } from "@/server/voicemail/voicemail.schemas";

export async function createVoicemailBox(actor: Actor, rawInput: TCreateVoicemailBoxInput): Promise<VoicemailBoxView> {
  if (!actor.apiKeyId) assertRole(actor, VOICEMAIL_ADMIN_ROLE);
  const input = ZCreateVoicemailBoxInput.parse(rawInput);
  await assertBoxOwnerIsMember(actor.tenantId, input.userId);
  const id = newId("vmb");
  return db.$transaction(async (tx) => {
    await tx.voicemailBox.create({ data: { id, tenantId: actor.tenantId, ...input } });
    const box = await loadVoicemailBox(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: "voicemail_box.created", targetType: "voicemail_box", targetId: id, after: input });
    return box;
  });
}
