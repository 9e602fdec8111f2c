import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { assertBoxOwnerIsMember, loadVoicemailBox } from "@/server/voicemail/voicemail-box-access";
import { VOICEMAIL_ADMIN_ROLE, type VoicemailBoxView } from "@/server/voicemail/voicemail-view";
import { ZUpdateVoicemailBoxInput, type TUpdateVoicemailBoxInput } from "@/server/voicemail/voicemail.schemas";

/** Changes the fields given; the others stay. */
export async function updateVoicemailBox(actor: Actor, rawInput: TUpdateVoicemailBoxInput): Promise<VoicemailBoxView> {
  if (!actor.apiKeyId) assertRole(actor, VOICEMAIL_ADMIN_ROLE);
  const { id, ...changes } = ZUpdateVoicemailBoxInput.parse(rawInput);
  await loadVoicemailBox(db, actor.tenantId, id);
  await assertBoxOwnerIsMember(actor.tenantId, changes.userId);
  return db.$transaction(async (tx) => {
    const before = await loadVoicemailBox(tx, actor.tenantId, id);
    await tx.voicemailBox.update({ where: { id }, data: changes });
    const after = await loadVoicemailBox(tx, actor.tenantId, id);
    const changed = Object.keys(changes) as (keyof typeof changes)[];
    await recordAudit(tx, actor, {
      action: "voicemail_box.updated",
      targetType: "voicemail_box",
      targetId: id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return after;
  });
}
