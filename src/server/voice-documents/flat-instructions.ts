// The call API's flat `instructions` ({ say, voice? }, { play }, { pause }, { hangup: true }) are voice documents
// already: each one is a verb of the model with its defaults left out. Until the interpreter runs whole documents,
// the worker runs only this flat form, handed to the switch in one go; a document becomes it here, or is refused
// naming the first verb (or attribute) the flat form cannot carry, never by dropping it.
import type { TCallInstruction } from "@/server/calls/calls.schemas";
import { isVerb, verbName, type TVoiceDocument } from "./voice-document.schemas";

/** `loop="0"` (until the call ends) is run this many times in the flat form, which cannot wait for the caller. */
export const FLAT_MAX_LOOP = 10;

export class NotFlatError extends Error {
  constructor(
    readonly index: number,
    readonly verb: string,
    message: string,
  ) {
    super(message);
    this.name = "NotFlatError";
  }
}

function repeat<T>(times: number, item: T): T[] {
  return Array.from({ length: times === 0 ? FLAT_MAX_LOOP : Math.min(times, FLAT_MAX_LOOP) }, () => item);
}

/** The flat instructions a document amounts to; throws NotFlatError at the first verb they cannot express. */
export function toFlatInstructions(document: TVoiceDocument): TCallInstruction[] {
  return document.flatMap((verb, index): TCallInstruction[] => {
    if (isVerb(verb, "say")) {
      // The switch's built-in voices (flite) speak English only.
      if (!/^en(-|$)/i.test(verb.language)) throw new NotFlatError(index, "say", `say in language ${verb.language} is not supported yet (English only)`);
      return repeat(verb.loop, { say: verb.say, ...(verb.voice ? { voice: verb.voice } : {}) });
    }
    if (isVerb(verb, "play")) return repeat(verb.loop, { play: verb.play });
    if (isVerb(verb, "pause")) return verb.pause === 0 ? [] : [{ pause: verb.pause }];
    if (isVerb(verb, "hangup")) return [{ hangup: true }];
    throw new NotFlatError(index, verbName(verb), `${verbName(verb)} is not supported yet (supported: say, play, pause, hangup)`);
  });
}
