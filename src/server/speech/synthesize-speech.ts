// Text to speech for <Say>: which engine speaks, and for a provider's voice the WAV file the switch plays. Flite
// (FreeSWITCH's own, no account) speaks Twilio's basic voices and any <Say> without a voice when neither the tenant
// (Settings → Speech) nor the platform (SPEECH_DEFAULT_VOICE) chose another; the worker speaks it with `speak`.
// Provider audio is cached in the media folder (speech-audio-cache.ts): a sentence said twice is synthesized once.
import { speechConfig } from "@/server/speech/speech-config";
import { speechAudioCache } from "@/server/speech/speech-audio-cache";
import { SPEECH_ERROR, speechFailure, type SpeechFailure } from "@/server/speech/speech-failure";
import { formatVoice, parseVoice, type SpeechVoice } from "@/server/speech/speech-voice";
import { getTenantSpeechSettings } from "@/server/speech/get-tenant-speech-settings";
import { renderSpeech } from "@/server/speech/render-speech";
import { TTS_ADAPTERS } from "@/server/speech/tts/tts-adapters";

/** The longest text each engine takes, as Twilio's 13521 lists them (basic voices 4,096, Polly 3,000, Google 5,000)
 *  and as OpenAI (4,096) and ElevenLabs (10,000 for its multilingual v2 model) document theirs. */
export const MAX_SAY_CHARACTERS: Record<SpeechVoice["provider"], number> = { flite: 4096, polly: 3000, google: 5000, openai: 4096, elevenlabs: 10_000 };

export interface SynthesizeSpeechInput {
  tenantId: string;
  text: string;
  /** As TwiML writes it (man, Polly.Joanna, Google.en-US-Standard-C, openai.alloy, elevenlabs.<id>); null: default. */
  voice: string | null;
  /** BCP-47, e.g. en-US. */
  language: string;
  /** The worker's media folder (FREESWITCH_MEDIA_DIR), which the switch reads at the same path. */
  mediaDir: string;
}

export type SynthesizeSpeechResult = { ok: true; engine: "flite" } | { ok: true; engine: "file"; file: string; cached: boolean } | SpeechFailure;

/** Never rejects: a failure of its own (the database, the media folder) is a 20503 like a provider's. */
export async function synthesizeSpeech(input: SynthesizeSpeechInput): Promise<SynthesizeSpeechResult> {
  try {
    return await synthesize(input);
  } catch (err) {
    return speechFailure(SPEECH_ERROR.SERVICE_UNAVAILABLE, `text to speech failed (${err instanceof Error ? err.message : String(err)})`);
  }
}

async function synthesize(input: SynthesizeSpeechInput): Promise<SynthesizeSpeechResult> {
  const text = input.text.trim();
  if (!text) return speechFailure(SPEECH_ERROR.SAY_INVALID_TEXT, "there is no text to say");
  const config = speechConfig();
  const voiceName = input.voice?.trim() || (await getTenantSpeechSettings(input.tenantId)).defaultVoice || config.SPEECH_DEFAULT_VOICE || null;
  const voice = parseVoice(voiceName);
  if (!voice) return speechFailure(SPEECH_ERROR.SAY_INVALID_VOICE, `unknown voice "${voiceName}": use man, woman, alice, Polly.<Voice>, Google.<voice name>, openai.<voice> or elevenlabs.<voice id>`);
  const limit = MAX_SAY_CHARACTERS[voice.provider];
  if (text.length > limit) return speechFailure(SPEECH_ERROR.SAY_TEXT_TOO_LONG, `the text is ${text.length} characters; ${voice.provider === "flite" ? "flite" : formatVoice(voice)} takes at most ${limit}`);
  if (voice.provider === "flite") return { ok: true, engine: "flite" };

  const cache = speechAudioCache(input.mediaDir);
  const file = cache.fileFor({ tenantId: input.tenantId, provider: voice.provider, model: TTS_ADAPTERS[voice.provider].model(config), voice: formatVoice(voice), language: input.language, text });
  if (await cache.get(file)) return { ok: true, engine: "file", file, cached: true };
  return cache.once(file, async (): Promise<SynthesizeSpeechResult> => {
    const rendered = await renderSpeech({ tenantId: input.tenantId, voice, text, language: input.language, config });
    if (!rendered.ok) return rendered;
    await cache.put(file, rendered.wav, config.SPEECH_CACHE_MAX_BYTES);
    return { ok: true, engine: "file", file, cached: false };
  });
}
