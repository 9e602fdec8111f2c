// say, play, pause and sendDigits: one command each, then the next verb once it has played. A source the switch
// cannot play is reported and skipped, as the flat instructions always did.
import type { VerbOf } from "../../voice-document.schemas";
import type { Prompt } from "../commands";
import type { Outcome } from "../outcomes";
import { reportAndContinue, type Next, type VerbContext, type VerbHandler } from "../verb-handler";

export function promptOf(verb: VerbOf<"say"> | VerbOf<"play"> | VerbOf<"pause">): Prompt {
  if ("say" in verb) return { kind: "speak", text: verb.say, voice: verb.voice ?? null, language: verb.language, loop: verb.loop };
  if ("play" in verb) return { kind: "play", source: verb.play, loop: verb.loop };
  return { kind: "silence", seconds: verb.pause };
}

function played(outcome: Outcome, ctx: VerbContext): Next | null {
  if (outcome.kind === "done") return { next: "continue", commands: [] };
  if (outcome.kind === "failed") return reportAndContinue(outcome, ctx);
  return null;
}

export const sayHandler: VerbHandler<VerbOf<"say">> = { begin: (verb) => ({ next: "await", commands: [promptOf(verb)] }), complete: (_verb, outcome, ctx) => played(outcome, ctx) };

export const playHandler: VerbHandler<VerbOf<"play">> = { begin: (verb) => ({ next: "await", commands: [promptOf(verb)] }), complete: (_verb, outcome, ctx) => played(outcome, ctx) };

export const pauseHandler: VerbHandler<VerbOf<"pause">> = {
  // A pause of 0 seconds is nothing to wait for.
  begin: (verb) => (verb.pause === 0 ? { next: "continue", commands: [] } : { next: "await", commands: [promptOf(verb)] }),
  complete: (_verb, outcome, ctx) => played(outcome, ctx),
};

export const sendDigitsHandler: VerbHandler<VerbOf<"sendDigits">> = {
  begin: (verb) => ({ next: "await", commands: [{ kind: "playDigits", digits: verb.sendDigits }] }),
  complete: (_verb, outcome, ctx) => played(outcome, ctx),
};
