// The voice document: what a call runs, as an array of verbs, each an object with exactly one verb key. Tenants write
// it as JSON (the input form, whose JSON Schema is published in the OpenAPI document); TwiML parses to the same model;
// parsing fills every default (the output form), which is what the interpreter runs and what is stored.
// The call API's flat `instructions` (say/play/pause/hangup) are valid documents: see legacy-instructions.ts.
import { z } from "zod";
import { ZHangupVerb, ZEnqueueVerb, ZLeaveVerb, ZRedirectVerb, ZReferVerb, ZRejectVerb } from "./verbs/call-flow-verbs";
import { ZDialVerb } from "./verbs/dial-verb";
import { ZGatherVerb } from "./verbs/gather-verb";
import { keyedUnion } from "./verbs/keyed-union";
import { ZConnectVerb, ZStartVerb, ZStopVerb } from "./verbs/media-verbs";
import { ZPauseVerb, ZPlayVerb, ZSayVerb, ZSendDigitsVerb } from "./verbs/prompt-verbs";
import { ZRecordVerb } from "./verbs/record-verb";

export const VERB_SCHEMAS = {
  say: ZSayVerb,
  play: ZPlayVerb,
  pause: ZPauseVerb,
  sendDigits: ZSendDigitsVerb,
  gather: ZGatherVerb,
  dial: ZDialVerb,
  record: ZRecordVerb,
  hangup: ZHangupVerb,
  reject: ZRejectVerb,
  redirect: ZRedirectVerb,
  enqueue: ZEnqueueVerb,
  leave: ZLeaveVerb,
  refer: ZReferVerb,
  connect: ZConnectVerb,
  start: ZStartVerb,
  stop: ZStopVerb,
} as const;

export type VerbName = keyof typeof VERB_SCHEMAS;
export const VERB_NAMES = Object.keys(VERB_SCHEMAS) as VerbName[];

/** The most verbs one document may hold (loops are attributes, not copies). */
export const MAX_DOCUMENT_VERBS = 100;

export const ZVoiceVerb = keyedUnion(VERB_SCHEMAS);
export const ZVoiceDocument = z
  .array(ZVoiceVerb)
  .max(MAX_DOCUMENT_VERBS)
  .meta({
    title: "Voice document",
    description: "The verbs a call runs, in order; each an object with exactly one verb key, attributes beside it (TwiML's names and defaults)",
  });

export type TVoiceVerb = z.output<typeof ZVoiceVerb>;
export type TVoiceVerbInput = z.input<typeof ZVoiceVerb>;
export type TVoiceDocument = z.output<typeof ZVoiceDocument>;
export type TVoiceDocumentInput = z.input<typeof ZVoiceDocument>;

/** The verb of a parsed verb object, `{ gather: … }` → "gather", as a type guard's helper. */
export type VerbOf<V extends VerbName> = z.output<(typeof VERB_SCHEMAS)[V]>;

export function verbName(verb: TVoiceVerb): VerbName {
  for (const name of VERB_NAMES) if (name in verb) return name;
  throw new Error("not a voice verb");
}

export function isVerb<V extends VerbName>(verb: TVoiceVerb, name: V): verb is VerbOf<V> & TVoiceVerb {
  return name in verb;
}
