// gather: collect DTMF keys or speech while its prompts play. Its content is the list of prompts (say, play, pause),
// its attributes Twilio's: twilio.com/docs/voice/twiml/gather (input dtmf, timeout 5, finishOnKey #, method POST,
// actionOnEmptyResult false, language en-US, profanityFilter true, speechTimeout = timeout, partialResultCallbackMethod
// POST). `action` absent: TwiML posts to the document's own URL, JSON goes on with the next verb.
import { z } from "zod";
import { keyedUnion } from "./keyed-union";
import { ZDocumentUrl, ZFinishKey, ZLanguageTag, ZMethodDefaultPost } from "./primitives";
import { ZPauseVerb, ZPlayVerb, ZSayVerb } from "./prompt-verbs";

export const ZGatherPrompt = keyedUnion({ say: ZSayVerb, play: ZPlayVerb, pause: ZPauseVerb });
export const MAX_GATHER_PROMPTS = 20;

export const GATHER_INPUTS = ["dtmf", "speech"] as const;

export const ZGatherVerb = z.strictObject({
  gather: z.array(ZGatherPrompt).max(MAX_GATHER_PROMPTS).meta({ description: "Prompts played while listening: say, play, pause" }),
  input: z
    .array(z.enum(GATHER_INPUTS))
    .min(1)
    .max(2)
    .refine((list) => new Set(list).size === list.length, { message: "names an input twice" })
    .default(["dtmf"]),
  action: ZDocumentUrl.optional(),
  method: ZMethodDefaultPost,
  /** Seconds to wait for the first key (after the prompts) and between keys. */
  timeout: z.number().int().min(0).max(600).default(5),
  finishOnKey: ZFinishKey.default("#"),
  /** Keys to collect before ending; absent: until finishOnKey or the timeout. */
  numDigits: z.number().int().min(1).max(128).optional(),
  actionOnEmptyResult: z.boolean().default(false),
  /** Seconds of silence that end speech; "auto" lets the recognizer decide; absent: the timeout value. */
  speechTimeout: z.union([z.number().int().min(0).max(600), z.literal("auto")]).optional(),
  maxSpeechTime: z.number().int().min(1).max(60).default(60),
  language: ZLanguageTag.default("en-US"),
  hints: z.string().trim().max(5000).optional(),
  speechModel: z.string().trim().min(1).max(64).optional(),
  enhanced: z.boolean().default(false),
  profanityFilter: z.boolean().default(true),
  bargeIn: z.boolean().default(true),
  partialResultCallback: ZDocumentUrl.optional(),
  partialResultCallbackMethod: ZMethodDefaultPost,
});
