import { z } from "zod";
import { SPEECH_PROVIDERS, STT_PROVIDERS } from "@/server/speech/speech-config";
import { parseVoice } from "@/server/speech/speech-voice";

export const ZSpeechProvider = z.enum(SPEECH_PROVIDERS);

const ZVoice = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine((v) => parseVoice(v) !== null, { message: "is not a voice: use man, Polly.<Voice>, Google.<voice name>, openai.<voice> or elevenlabs.<voice id>" });

export const ZUpdateSpeechSettingsInput = z.object({
  /** null: flite (or the platform's default voice). */
  defaultVoice: ZVoice.nullable(),
  /** null: the platform's choice. */
  sttProvider: z.enum(STT_PROVIDERS).nullable(),
});
export type TUpdateSpeechSettingsInput = z.infer<typeof ZUpdateSpeechSettingsInput>;

const ZSecret = z.string().trim().min(8, "is too short to be a key").max(512);

export const ZSetSpeechKeyInput = z.discriminatedUnion("provider", [
  z.object({ provider: z.enum(["openai", "elevenlabs", "google", "deepgram"]), apiKey: ZSecret }),
  z.object({
    provider: z.literal("polly"),
    accessKeyId: z.string().trim().regex(/^[A-Z0-9]{16,128}$/, "must be an AWS access key id (AKIA…)"),
    secretAccessKey: ZSecret,
    region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as us-east-1"),
  }),
]);
export type TSetSpeechKeyInput = z.infer<typeof ZSetSpeechKeyInput>;

export const ZRemoveSpeechKeyInput = z.object({ provider: ZSpeechProvider });
export type TRemoveSpeechKeyInput = z.infer<typeof ZRemoveSpeechKeyInput>;

export const ZPreviewSpeechInput = z.object({
  voice: ZVoice,
  text: z.string().trim().min(1).max(300).default("Thank you for calling. How can I help you today?"),
  language: z.string().trim().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/, "must be a language tag such as en-US").default("en-US"),
});
export type TPreviewSpeechInput = z.input<typeof ZPreviewSpeechInput>;
