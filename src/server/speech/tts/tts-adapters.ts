import type { TtsProvider } from "@/server/speech/speech-config";
import { elevenlabsTts } from "@/server/speech/tts/elevenlabs-tts";
import { googleTts } from "@/server/speech/tts/google-tts";
import { openaiTts } from "@/server/speech/tts/openai-tts";
import { pollyTts } from "@/server/speech/tts/polly-tts";
import type { TtsAdapter } from "@/server/speech/tts/tts-adapter";

/** By provider; each adapter's `synthesize` is only ever handed a request for its own provider (renderSpeech). */
export const TTS_ADAPTERS: Record<TtsProvider, TtsAdapter> = { openai: openaiTts, elevenlabs: elevenlabsTts, google: googleTts, polly: pollyTts };
