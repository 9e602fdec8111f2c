import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { formatVoice, parseVoice } from "@/server/speech/speech-voice";
import { SPEECH_ADMIN_ROLE } from "@/server/speech/speech-settings-view";
import { ZUpdateSpeechSettingsInput, type TUpdateSpeechSettingsInput } from "@/server/speech/speech.schemas";

/** The voice <Say> uses when it names none, and the speech-to-text provider; audited. */
export async function updateSpeechSettings(actor: Actor, rawInput: TUpdateSpeechSettingsInput): Promise<{ defaultVoice: string | null; sttProvider: string | null }> {
  assertRole(actor, SPEECH_ADMIN_ROLE);
  const input = ZUpdateSpeechSettingsInput.parse(rawInput);
  const voice = input.defaultVoice ? parseVoice(input.defaultVoice) : null;
  // Flite's names are stored as "no choice", so the platform's default voice still applies.
  const after = { defaultVoice: voice && voice.provider !== "flite" ? formatVoice(voice) : null, sttProvider: input.sttProvider };
  return db.$transaction(async (tx) => {
    const row = await tx.tenantSpeechSettings.findUnique({ where: { tenantId: actor.tenantId } });
    const before = { defaultVoice: row?.defaultVoice ?? null, sttProvider: row?.sttProvider ?? null };
    if (before.defaultVoice === after.defaultVoice && before.sttProvider === after.sttProvider) return after;
    await tx.tenantSpeechSettings.upsert({ where: { tenantId: actor.tenantId }, create: { tenantId: actor.tenantId, ...after }, update: after });
    await recordAudit(tx, actor, { action: "speech.settings_changed", targetType: "tenant", targetId: actor.tenantId, before, after });
    return after;
  });
}
