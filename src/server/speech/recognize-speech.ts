// Speech to text for <Gather input="speech">: the caller's utterance (a WAV the worker recorded) through the
// provider the tenant chose (Settings → Speech), else the platform's SPEECH_STT_PROVIDER, else the first provider
// with a platform key. A Twilio speechModel that names a provider (deepgram_nova-3, googlev2_telephony, and IRISX's
// openai_<model>) picks that provider. Failures carry Twilio's codes (speech-failure.ts).
import { isWav } from "@/server/speech/speech-audio";
import { platformCredential, SPEECH_PROVIDER_LABELS, speechConfig, STT_PROVIDERS, type SpeechEnv, type SttProvider } from "@/server/speech/speech-config";
import { providerFailure, SPEECH_ERROR, speechFailure, type SpeechFailure } from "@/server/speech/speech-failure";
import { getTenantSpeechSettings } from "@/server/speech/get-tenant-speech-settings";
import { resolveSpeechCredential } from "@/server/speech/resolve-speech-credential";
import { STT_ADAPTERS } from "@/server/speech/stt/stt-adapters";

/** Twilio's hints: at most 500 entries (twilio.com/docs/voice/twiml/gather#hints). */
const MAX_HINTS = 500;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

export interface RecognizeSpeechInput {
  tenantId: string;
  /** The utterance as a WAV file (16-bit PCM, 8 or 16 kHz mono as FreeSWITCH records it). */
  audio: Buffer;
  /** BCP-47, e.g. en-US (Gather's language). */
  language: string;
  /** Gather's hints as written: comma-separated words and phrases; null for none. */
  hints: string | null;
  /** Gather's speechModel as written; null for the provider's default. */
  model: string | null;
  profanityFilter: boolean;
}

export type RecognizeSpeechResult = { ok: true; transcript: string; confidence: number | null; provider: SttProvider } | SpeechFailure;

/** Never rejects: a failure of its own (the database, a key that no longer decrypts) is a 20503 like a provider's. */
export async function recognizeSpeech(input: RecognizeSpeechInput): Promise<RecognizeSpeechResult> {
  try {
    return await recognize(input);
  } catch (err) {
    return speechFailure(SPEECH_ERROR.SERVICE_UNAVAILABLE, `speech recognition failed (${err instanceof Error ? err.message : String(err)})`);
  }
}

async function recognize(input: RecognizeSpeechInput): Promise<RecognizeSpeechResult> {
  if (!LANGUAGE_TAG.test(input.language)) return speechFailure(SPEECH_ERROR.GATHER_INVALID_LANGUAGE, `"${input.language}" is not a language tag such as en-US`);
  if (!isWav(input.audio)) return speechFailure(SPEECH_ERROR.GATHER_INVALID_PROVIDER_CONFIG, "the utterance is not a WAV file");
  const config = speechConfig();
  const provider = await chooseProvider(input.tenantId, input.model, config);
  if (!provider) return speechFailure(SPEECH_ERROR.GATHER_INVALID_PROVIDER_CONFIG, "speech recognition has no provider: set one in Settings → Speech with its key, or SPEECH_STT_PROVIDER and its key on the platform");
  const label = SPEECH_PROVIDER_LABELS[provider];
  const resolved = await resolveSpeechCredential(input.tenantId, provider, config);
  if (!resolved) return speechFailure(SPEECH_ERROR.GATHER_INVALID_PROVIDER_CONFIG, `speech recognition uses ${label}, which has no key on this platform or account (add one in Settings → Speech)`);
  const adapter = STT_ADAPTERS[provider];
  const hints = (input.hints ?? "").split(",").map((h) => h.trim()).filter(Boolean).slice(0, MAX_HINTS);
  try {
    const result = await adapter.recognize({
      utterance: { kind: "wav", data: input.audio },
      language: input.language,
      hints,
      model: adapter.model(input.model, config),
      profanityFilter: input.profanityFilter,
      credential: resolved.credential,
      config,
      timeoutMs: config.SPEECH_REQUEST_TIMEOUT_MS,
    });
    return { ok: true, ...result, provider };
  } catch (err) {
    return providerFailure(err, label, { refused: SPEECH_ERROR.GATHER_INVALID_PROVIDER_CONFIG, credentials: SPEECH_ERROR.GATHER_INVALID_PROVIDER_CONFIG });
  }
}

const MODEL_PROVIDER: Array<[RegExp, SttProvider]> = [
  [/^deepgram_/, "deepgram"],
  [/^google(v2)?_/, "google"],
  [/^openai_/, "openai"],
];

async function chooseProvider(tenantId: string, model: string | null, config: SpeechEnv): Promise<SttProvider | null> {
  const named = MODEL_PROVIDER.find(([re]) => model && re.test(model))?.[1];
  if (named) return named;
  const chosen = (await getTenantSpeechSettings(tenantId)).sttProvider;
  if (chosen && (STT_PROVIDERS as readonly string[]).includes(chosen)) return chosen as SttProvider;
  return config.SPEECH_STT_PROVIDER ?? STT_PROVIDERS.find((p) => platformCredential(p, config)) ?? null;
}
