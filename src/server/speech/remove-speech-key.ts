import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { SPEECH_ADMIN_ROLE } from "@/server/speech/speech-settings-view";
import { ZRemoveSpeechKeyInput, type TRemoveSpeechKeyInput } from "@/server/speech/speech.schemas";

/** Deletes the tenant's own key for a provider; requests use the platform's key again (if it has one). */
export async function removeSpeechKey(actor: Actor, rawInput: TRemoveSpeechKeyInput): Promise<{ provider: string }> {
  assertRole(actor, SPEECH_ADMIN_ROLE);
  const { provider } = ZRemoveSpeechKeyInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const removed = await tx.tenantSpeechCredential.deleteMany({ where: { tenantId: actor.tenantId, provider } });
    if (removed.count === 0) throw notFound(`a ${provider} key of this account`);
    await recordAudit(tx, actor, { action: "speech.key_removed", targetType: "speech_provider", targetId: provider, before: { provider }, after: null });
    return { provider };
  });
}
