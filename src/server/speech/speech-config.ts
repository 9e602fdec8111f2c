// The platform's speech providers, from the environment (.env.example lists the variables). Read per call, like
// the number provider's, so a test or an operator's restart sees the current values. A provider without a
// platform key can still be used by a tenant that brings its own (TenantSpeechCredential); the base URLs are the
// platform's alone (tenants never point the platform at a host of their choosing).
import { z } from "zod";

export const TTS_PROVIDERS = ["openai", "elevenlabs", "google", "polly"] as const;
export const STT_PROVIDERS = ["deepgram", "google", "openai"] as const;
export const SPEECH_PROVIDERS = ["openai", "elevenlabs", "google", "polly", "deepgram"] as const;
export type TtsProvider = (typeof TTS_PROVIDERS)[number];
export type SttProvider = (typeof STT_PROVIDERS)[number];
export type SpeechProvider = (typeof SPEECH_PROVIDERS)[number];

export const SPEECH_PROVIDER_LABELS: Record<SpeechProvider, string> = {
  openai: "OpenAI",
  elevenlabs: "ElevenLabs",
  google: "Google Cloud",
  polly: "Amazon Polly",
  deepgram: "Deepgram",
};

const optionalKey = z.string().trim().min(1).optional();

const ZSpeechEnv = z.object({
  SPEECH_OPENAI_API_KEY: optionalKey,
  SPEECH_OPENAI_BASE_URL: z.url().default("https://api.openai.com"),
  SPEECH_OPENAI_TTS_MODEL: z.string().default("gpt-4o-mini-tts"),
  SPEECH_OPENAI_STT_MODEL: z.string().default("whisper-1"),
  SPEECH_ELEVENLABS_API_KEY: optionalKey,
  SPEECH_ELEVENLABS_BASE_URL: z.url().default("https://api.elevenlabs.io"),
  SPEECH_ELEVENLABS_MODEL: z.string().default("eleven_multilingual_v2"),
  SPEECH_GOOGLE_API_KEY: optionalKey,
  SPEECH_GOOGLE_TTS_BASE_URL: z.url().default("https://texttospeech.googleapis.com"),
  SPEECH_GOOGLE_STT_BASE_URL: z.url().default("https://speech.googleapis.com"),
  SPEECH_POLLY_ACCESS_KEY_ID: optionalKey,
  SPEECH_POLLY_SECRET_ACCESS_KEY: optionalKey,
  SPEECH_POLLY_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as us-east-1").default("us-east-1"),
  /** Unset: https://polly.<region>.amazonaws.com */
  SPEECH_POLLY_BASE_URL: z.url().optional(),
  SPEECH_DEEPGRAM_API_KEY: optionalKey,
  SPEECH_DEEPGRAM_BASE_URL: z.url().default("https://api.deepgram.com"),
  SPEECH_DEEPGRAM_MODEL: z.string().default("nova-2-phonecall"),
  /** The voice <Say> uses when it names none and the tenant chose none; unset: flite. */
  SPEECH_DEFAULT_VOICE: z.string().trim().min(1).optional(),
  /** The provider <Gather input="speech"> uses when the tenant chose none; unset: the first with a key. */
  SPEECH_STT_PROVIDER: z.enum(STT_PROVIDERS).optional(),
  /** How long one provider request may take, connect to last byte. */
  SPEECH_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(10_000),
  /** The synthesized-audio cache's size; the least recently played files go first past it. */
  SPEECH_CACHE_MAX_BYTES: z.coerce.number().int().positive().default(512 * 1024 * 1024),
});

export type SpeechEnv = z.infer<typeof ZSpeechEnv>;

export interface PollyCredential {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** A provider's key: an API key, or AWS credentials for Polly. */
export type ProviderCredential = { provider: Exclude<SpeechProvider, "polly">; apiKey: string } | { provider: "polly"; aws: PollyCredential };

export function speechConfig(source: Record<string, string | undefined> = process.env): SpeechEnv {
  // An empty variable (`SPEECH_STT_PROVIDER=` in a .env) means unset.
  const parsed = ZSpeechEnv.safeParse(Object.fromEntries(Object.entries(source).filter(([k, v]) => k.startsWith("SPEECH_") && v !== undefined && v.trim() !== "")));
  if (!parsed.success) throw new Error(`speech providers misconfigured: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** The platform's own credential for a provider, or null when it has none. */
export function platformCredential(provider: SpeechProvider, config: SpeechEnv = speechConfig()): ProviderCredential | null {
  switch (provider) {
    case "openai":
      return config.SPEECH_OPENAI_API_KEY ? { provider, apiKey: config.SPEECH_OPENAI_API_KEY } : null;
    case "elevenlabs":
      return config.SPEECH_ELEVENLABS_API_KEY ? { provider, apiKey: config.SPEECH_ELEVENLABS_API_KEY } : null;
    case "google":
      return config.SPEECH_GOOGLE_API_KEY ? { provider, apiKey: config.SPEECH_GOOGLE_API_KEY } : null;
    case "deepgram":
      return config.SPEECH_DEEPGRAM_API_KEY ? { provider, apiKey: config.SPEECH_DEEPGRAM_API_KEY } : null;
    case "polly":
      return config.SPEECH_POLLY_ACCESS_KEY_ID && config.SPEECH_POLLY_SECRET_ACCESS_KEY
        ? { provider, aws: { accessKeyId: config.SPEECH_POLLY_ACCESS_KEY_ID, secretAccessKey: config.SPEECH_POLLY_SECRET_ACCESS_KEY, region: config.SPEECH_POLLY_REGION } }
        : null;
  }
}

export function apiKeyOf(credential: ProviderCredential): string {
  if (!("apiKey" in credential)) throw new Error(`${credential.provider} has no API key`);
  return credential.apiKey;
}

export function awsOf(credential: ProviderCredential): PollyCredential {
  if (!("aws" in credential)) throw new Error(`${credential.provider} has no AWS credentials`);
  return credential.aws;
}
