import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { sealSecret } from "@/server/crypto/secret-box";
import { assertRole, type Actor } from "@/server/tenancy";
import { SPEECH_ADMIN_ROLE } from "@/server/speech/speech-settings-view";
import { ZSetSpeechKeyInput, type TSetSpeechKeyInput } from "@/server/speech/speech.schemas";

/** Stores the tenant's own key for a provider, sealed; write-only (only its last four characters are ever shown). */
export async function setSpeechKey(actor: Actor, rawInput: TSetSpeechKeyInput): Promise<{ provider: string; hint: string }> {
  assertRole(actor, SPEECH_ADMIN_ROLE);
  const input = ZSetSpeechKeyInput.parse(rawInput);
  const secret = input.provider === "polly" ? JSON.stringify({ accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey, region: input.region }) : input.apiKey;
  const hint = (input.provider === "polly" ? input.accessKeyId : input.apiKey).slice(-4);
  const secretCipher = sealSecret(secret);
  const where = { tenantId_provider: { tenantId: actor.tenantId, provider: input.provider } };
  return db.$transaction(async (tx) => {
    const before = await tx.tenantSpeechCredential.findUnique({ where, select: { hint: true } });
    await tx.tenantSpeechCredential.upsert({ where, create: { tenantId: actor.tenantId, provider: input.provider, secretCipher, hint }, update: { secretCipher, hint } });
    await recordAudit(tx, actor, {
      action: before ? "speech.key_replaced" : "speech.key_added",
      targetType: "speech_provider",
      targetId: input.provider,
      before: before ? { hint: before.hint } : null,
      after: { hint, ...(input.provider === "polly" ? { region: input.region } : {}) },
    });
    return { provider: input.provider, hint };
  });
}
