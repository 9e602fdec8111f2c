import { SPEECH_PROVIDER_LABELS, speechConfig, type SpeechEnv } from "@/server/speech/speech-config";
import { toPlayableWav } from "@/server/speech/speech-audio";
import { providerFailure, SPEECH_ERROR, speechFailure, type SpeechFailure } from "@/server/speech/speech-failure";
import type { ProviderVoice } from "@/server/speech/speech-voice";
import { formatVoice } from "@/server/speech/speech-voice";
import { resolveSpeechCredential } from "@/server/speech/resolve-speech-credential";
import { TTS_ADAPTERS } from "@/server/speech/tts/tts-adapters";

/** Asks the voice's provider (with the tenant's key, else the platform's) for the text, as a playable WAV. No cache. */
export async function renderSpeech(input: { tenantId: string; voice: ProviderVoice; text: string; language: string; config?: SpeechEnv }): Promise<{ ok: true; wav: Buffer } | SpeechFailure> {
  const config = input.config ?? speechConfig();
  const label = SPEECH_PROVIDER_LABELS[input.voice.provider];
  const resolved = await resolveSpeechCredential(input.tenantId, input.voice.provider, config);
  if (!resolved) {
    return speechFailure(SPEECH_ERROR.SAY_INVALID_VOICE, `the voice ${formatVoice(input.voice)} needs ${label}, which has no key on this platform or account (add one in Settings → Speech)`);
  }
  const request = { text: input.text, voice: input.voice, language: input.language, credential: resolved.credential, config, timeoutMs: config.SPEECH_REQUEST_TIMEOUT_MS };
  try {
    const audio = await TTS_ADAPTERS[input.voice.provider].synthesize(request);
    return { ok: true, wav: toPlayableWav(audio) };
  } catch (err) {
    return providerFailure(err, label, { refused: SPEECH_ERROR.SAY_INVALID_VOICE, credentials: SPEECH_ERROR.SERVICE_UNAVAILABLE });
  }
}
