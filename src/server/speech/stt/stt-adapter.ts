// What each speech-to-text adapter does: recognize one utterance of the caller. Today the worker records the
// utterance with silence detection (the stock FreeSWITCH build has no streaming ASR module) and hands over a WAV;
// a streaming source would be one more Utterance kind ({ kind: "stream", sampleRate, frames: AsyncIterable<Buffer> })
// served by adapters that list it in `accepts` (Deepgram's and Google's streaming APIs), with the same answer.
import type { ProviderCredential, SpeechEnv, SttProvider } from "@/server/speech/speech-config";

export type Utterance = { kind: "wav"; data: Buffer };

export interface SttRequest {
  utterance: Utterance;
  /** BCP-47, e.g. en-US. */
  language: string;
  /** Words and phrases likely to be said (Twilio's `hints`, split on commas). */
  hints: string[];
  /** The provider's model (Twilio's generic names already mapped), or null for the configured default. */
  model: string | null;
  profanityFilter: boolean;
  credential: ProviderCredential;
  config: SpeechEnv;
  timeoutMs: number;
}

export interface Recognition {
  transcript: string;
  /** 0 to 1; null when the provider gives none (OpenAI's json answers). */
  confidence: number | null;
}

export interface SttAdapter {
  provider: SttProvider;
  accepts: ReadonlyArray<Utterance["kind"]>;
  /** The provider's model for a Twilio speechModel value (null or a generic name: the configured default). */
  model(speechModel: string | null, config: SpeechEnv): string | null;
  recognize(request: SttRequest): Promise<Recognition>;
}

/** A hint that is words, not one of Google's class tokens ($OOV_CLASS_DIGIT_SEQUENCE, $MONEY…), which Twilio passes
 *  through and only Google understands. */
export const isPhrase = (hint: string) => !hint.startsWith("$");
