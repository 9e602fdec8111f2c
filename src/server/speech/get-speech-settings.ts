import { db } from "@/server/db";
import { assertRole, roleSatisfies, type Actor } from "@/server/tenancy";
import { platformCredential, speechConfig, STT_PROVIDERS, type SttProvider } from "@/server/speech/speech-config";
import { providerViews, SPEECH_ADMIN_ROLE, SPEECH_READ_ROLE, type SpeechSettingsView } from "@/server/speech/speech-settings-view";

/** The tenant's speech settings for Settings → Speech: choices, which providers have keys (never the keys). */
export async function getSpeechSettings(actor: Actor): Promise<SpeechSettingsView> {
  assertRole(actor, SPEECH_READ_ROLE);
  const config = speechConfig();
  const [settings, keys] = await Promise.all([
    db.tenantSpeechSettings.findUnique({ where: { tenantId: actor.tenantId } }),
    db.tenantSpeechCredential.findMany({ where: { tenantId: actor.tenantId }, select: { provider: true, hint: true, updatedAt: true } }),
  ]);
  const sttProvider = settings?.sttProvider && (STT_PROVIDERS as readonly string[]).includes(settings.sttProvider) ? (settings.sttProvider as SttProvider) : null;
  return {
    defaultVoice: settings?.defaultVoice ?? null,
    sttProvider,
    platformDefaultVoice: config.SPEECH_DEFAULT_VOICE ?? null,
    platformSttProvider: config.SPEECH_STT_PROVIDER ?? STT_PROVIDERS.find((p) => platformCredential(p, config)) ?? null,
    providers: providerViews((p) => platformCredential(p, config) !== null, new Map(keys.map((k) => [k.provider, { hint: k.hint, updatedAt: k.updatedAt }]))),
    canEdit: roleSatisfies(actor.role, SPEECH_ADMIN_ROLE),
  };
}
