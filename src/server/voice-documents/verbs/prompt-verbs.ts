// What the caller hears: say (text to speech), play (audio), pause (silence) and sendDigits (DTMF tones, TwiML's
// <Play digits>). The first three also prompt inside gather. Each verb is an object with exactly one verb key whose
// value is the verb's content, and its attributes beside it: `{ "say": "Hello", "voice": "alice", "loop": 2 }`.
// Defaults: twilio.com/docs/voice/twiml/say (voice man, language en-US, loop 1), /play (loop 1), /pause (length 1).
import { z } from "zod";
import { ZDtmfDigits, ZLanguageTag, ZLoop } from "./primitives";

/** Twilio speaks at most 4,096 characters per <Say>. */
export const ZSayText = z.string().trim().min(1, { message: "say needs text to speak" }).max(4096);
export const ZVoiceName = z.string().trim().min(1).max(64);
/** A play source as written: the worker checks and fetches each one (play-source.ts), so one bad source fails alone. */
export const ZPlaySourceText = z.string().trim().min(1).max(2048);
export const MAX_PAUSE_SECONDS = 600;

export const ZSayVerb = z.strictObject({
  say: ZSayText.meta({ description: "Text to speak (SSML in TwiML is reduced to its words)" }),
  voice: ZVoiceName.optional().meta({
    description: "Voice name (man, woman, alice, Polly.*, Google.*); absent: the platform's default voice (Twilio's is man)",
  }),
  language: ZLanguageTag.default("en-US"),
  loop: ZLoop,
});

export const ZPlayVerb = z.strictObject({
  play: ZPlaySourceText.meta({ description: "http(s) URL of WAV/MP3 audio, recording:RE…, tone_stream://… or builtin:<name>" }),
  loop: ZLoop,
});

export const ZPauseVerb = z.strictObject({
  pause: z.number().int().min(0).max(MAX_PAUSE_SECONDS).meta({ description: "Seconds of silence (TwiML <Pause length>, default 1)" }),
});

export const ZSendDigitsVerb = z.strictObject({
  sendDigits: ZDtmfDigits.meta({ description: "DTMF tones to play to the call (TwiML <Play digits>)" }),
});
