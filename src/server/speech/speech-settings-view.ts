import { SPEECH_PROVIDER_LABELS, SPEECH_PROVIDERS, STT_PROVIDERS, TTS_PROVIDERS, type SpeechProvider, type SttProvider } from "@/server/speech/speech-config";
import type { RoleRule } from "@/server/tenancy";

/** Who reads the speech settings (every portal user) and who changes them and the keys. */
export const SPEECH_READ_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };
export const SPEECH_ADMIN_ROLE: RoleRule = { minRole: "ADMIN" };

export interface SpeechProviderView {
  provider: SpeechProvider;
  label: string;
  textToSpeech: boolean;
  speechToText: boolean;
  /** The platform has a key for it (tenants may use it without their own). */
  platformKey: boolean;
  /** The tenant's own key, shown by its last four characters only. */
  ownKey: { hint: string; updatedAt: Date } | null;
}

export interface SpeechSettingsView {
  defaultVoice: string | null;
  sttProvider: SttProvider | null;
  /** What the platform falls back to when the tenant chose nothing. */
  platformDefaultVoice: string | null;
  platformSttProvider: SttProvider | null;
  providers: SpeechProviderView[];
  canEdit: boolean;
}

export function providerViews(platformKey: (p: SpeechProvider) => boolean, own: Map<string, { hint: string; updatedAt: Date }>): SpeechProviderView[] {
  return SPEECH_PROVIDERS.map((provider) => ({
    provider,
    label: SPEECH_PROVIDER_LABELS[provider],
    textToSpeech: (TTS_PROVIDERS as readonly string[]).includes(provider),
    speechToText: (STT_PROVIDERS as readonly string[]).includes(provider),
    platformKey: platformKey(provider),
    ownKey: own.get(provider) ?? null,
  }));
}
