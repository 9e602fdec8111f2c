// Voice names as TwiML writes them, and the provider each one needs: `Polly.Joanna`, `Polly.Joanna-Neural`
// (twilio.com/docs/voice/twiml/say/text-speech), `Google.en-US-Standard-C`, and IRISX's own `openai.<voice>` and
// `elevenlabs.<voiceId>`. Twilio's basic voices (man, woman, alice) are FreeSWITCH's flite, which needs no account.
import type { TtsProvider } from "@/server/speech/speech-config";

export type SpeechVoice =
  | { provider: "flite" }
  | { provider: "polly"; voiceId: string; engine: "standard" | "neural" | "generative" | "long-form" }
  | { provider: "google"; name: string; languageCode: string }
  | { provider: "openai"; voice: string }
  | { provider: "elevenlabs"; voiceId: string };

export type ProviderVoice = Exclude<SpeechVoice, { provider: "flite" }> & { provider: TtsProvider };

const FLITE_VOICES = new Set(["man", "woman", "alice"]);
const POLLY_ENGINES: Record<string, "neural" | "generative" | "long-form"> = { neural: "neural", generative: "generative", longform: "long-form" };

/** The provider and its voice, or null when the name is not one IRISX knows (Twilio's 13511). */
export function parseVoice(voice: string | null | undefined): SpeechVoice | null {
  const name = voice?.trim() ?? "";
  if (!name || FLITE_VOICES.has(name.toLowerCase())) return { provider: "flite" };
  const dot = name.indexOf(".");
  if (dot < 1) return null;
  const prefix = name.slice(0, dot).toLowerCase();
  const rest = name.slice(dot + 1);
  switch (prefix) {
    case "polly": {
      const m = /^([A-Z][A-Za-z]{1,30})(?:-([A-Za-z]+))?$/.exec(rest);
      if (!m) return null;
      if (!m[2]) return { provider: "polly", voiceId: m[1]!, engine: "standard" };
      const engine = POLLY_ENGINES[m[2].toLowerCase()];
      return engine ? { provider: "polly", voiceId: m[1]!, engine } : null;
    }
    case "google": {
      const m = /^([a-z]{2,3}-[A-Z]{2})-[A-Za-z0-9-]{1,40}$/.exec(rest);
      return m ? { provider: "google", name: rest, languageCode: m[1]! } : null;
    }
    case "openai":
      return /^[a-z][a-z0-9_-]{0,31}$/.test(rest) ? { provider: "openai", voice: rest } : null;
    case "elevenlabs":
      return /^[A-Za-z0-9]{1,64}$/.test(rest) ? { provider: "elevenlabs", voiceId: rest } : null;
    default:
      return null;
  }
}

/** The voice written back in its canonical form (the cache key and the settings page use it). */
export function formatVoice(voice: SpeechVoice): string {
  switch (voice.provider) {
    case "flite":
      return "man";
    case "polly":
      return voice.engine === "standard" ? `Polly.${voice.voiceId}` : `Polly.${voice.voiceId}-${voice.engine === "long-form" ? "LongForm" : voice.engine[0]!.toUpperCase() + voice.engine.slice(1)}`;
    case "google":
      return `Google.${voice.name}`;
    case "openai":
      return `openai.${voice.voice}`;
    case "elevenlabs":
      return `elevenlabs.${voice.voiceId}`;
  }
}
