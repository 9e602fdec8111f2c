// What each text-to-speech adapter does: one provider request for one utterance, answered as PCM or WAV audio.
// Failures are thrown as ProviderHttpError / ProviderUnavailableError (provider-request.ts) and mapped to Twilio's
// codes by renderSpeech, so every provider fails the same way.
import type { ProviderAudio } from "@/server/speech/speech-audio";
import type { ProviderCredential, SpeechEnv, TtsProvider } from "@/server/speech/speech-config";
import type { ProviderVoice } from "@/server/speech/speech-voice";

export interface TtsRequest {
  text: string;
  voice: ProviderVoice;
  language: string;
  credential: ProviderCredential;
  config: SpeechEnv;
  timeoutMs: number;
}

export interface TtsAdapter {
  provider: TtsProvider;
  /** The model the audio depends on besides the voice (part of the cache key), or "" when the voice says it all. */
  model(config: SpeechEnv): string;
  synthesize(request: TtsRequest): Promise<ProviderAudio>;
}

/** The request's voice and key for `provider`; renderSpeech resolves both for the voice's provider, so a mismatch is a bug. */
export function voiceFor<P extends TtsProvider>(request: TtsRequest, provider: P): Extract<ProviderVoice, { provider: P }> {
  if (request.voice.provider !== provider || request.credential.provider !== provider) throw new Error(`${provider} adapter handed a ${request.voice.provider} request`);
  return request.voice as Extract<ProviderVoice, { provider: P }>;
}
