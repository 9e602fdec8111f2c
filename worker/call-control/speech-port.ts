// Text to speech and speech recognition as the worker uses them (src/server/speech). Twilio's basic voices go
// straight to the switch's flite with no lookup; a <Say> without a voice takes the tenant's default voice, read at
// most every few seconds per tenant, so a busy IVR does not ask the database at every prompt.
import { getTenantSpeechSettings } from "@/server/speech/get-tenant-speech-settings";
import { recognizeSpeech, type RecognizeSpeechInput } from "@/server/speech/recognize-speech";
import { speechConfig } from "@/server/speech/speech-config";
import { synthesizeSpeech, type SynthesizeSpeechInput, type SynthesizeSpeechResult } from "@/server/speech/synthesize-speech";

/** The voices flite speaks (switch-commands.ts fliteVoice), which need neither a provider nor a cache. */
const FLITE_VOICES = new Set(["man", "woman", "alice", "kal", "slt", "rms", "awb"]);
const DEFAULT_VOICE_TTL_MS = 10_000;

export interface SpeechPort {
  /** The voice a prompt speaks with (its own, the tenant's default, the platform's, else flite's `man`). */
  voiceFor(tenantId: string, voice: string | null): Promise<string>;
  synthesize(input: SynthesizeSpeechInput & { voice: string }): Promise<SynthesizeSpeechResult>;
  recognize: typeof recognizeSpeech;
}

export function isFliteVoice(voice: string): boolean {
  return FLITE_VOICES.has(voice.toLowerCase());
}

export function createSpeechPort(): SpeechPort {
  const defaults = new Map<string, { voice: string | null; until: number }>();
  return {
    async voiceFor(tenantId, voice) {
      if (voice) return voice;
      let known = defaults.get(tenantId);
      if (!known || known.until < Date.now()) {
        known = { voice: (await getTenantSpeechSettings(tenantId)).defaultVoice, until: Date.now() + DEFAULT_VOICE_TTL_MS };
        defaults.set(tenantId, known);
      }
      return known.voice ?? speechConfig().SPEECH_DEFAULT_VOICE ?? "man";
    },
    synthesize: (input) => (isFliteVoice(input.voice) ? Promise.resolve({ ok: true, engine: "flite" }) : synthesizeSpeech(input)),
    recognize: (input: RecognizeSpeechInput) => recognizeSpeech(input),
  };
}
