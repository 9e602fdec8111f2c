// gather: the prompts play while the caller's keys (or speech) are collected, in one collectInput command. Input goes
// to the action (TwiML without one: the document's own URL) with Digits and FinishedOnKey, or SpeechResult and
// Confidence; no input goes on with the next verb, unless actionOnEmptyResult asks for the action anyway.
import type { VerbOf } from "../../voice-document.schemas";
import { digitsParameters, speechParameters } from "../call-parameters";
import type { CollectInputCommand } from "../commands";
import { reportAndContinue, type VerbContext, type VerbHandler } from "../verb-handler";
import { promptOf } from "./prompt-handlers";

type Gather = VerbOf<"gather">;

function collectInput(verb: Gather, ctx: VerbContext): CollectInputCommand {
  const speech = verb.input.includes("speech");
  return {
    kind: "collectInput",
    prompts: verb.gather.map(promptOf),
    dtmf: verb.input.includes("dtmf") ? { numDigits: verb.numDigits ?? null, finishOnKey: verb.finishOnKey } : null,
    speech: speech
      ? {
          language: verb.language,
          hints: verb.hints ?? null,
          model: verb.speechModel ?? null,
          enhanced: verb.enhanced,
          profanityFilter: verb.profanityFilter,
          // Twilio: speechTimeout defaults to the timeout value.
          endSilence: verb.speechTimeout ?? verb.timeout,
          maxSeconds: verb.maxSpeechTime,
          partialResults: ctx.callback(verb.partialResultCallback, verb.partialResultCallbackMethod),
        }
      : null,
    timeoutSeconds: verb.timeout,
    bargeIn: verb.bargeIn,
  };
}

export const gatherHandler: VerbHandler<Gather> = {
  begin: (verb, ctx) => ({ next: "await", commands: [collectInput(verb, ctx)] }),
  complete(verb, outcome, ctx) {
    const target = () => ctx.actionTarget(verb.action, verb.method);
    switch (outcome.kind) {
      case "digits":
        if (outcome.digits || verb.actionOnEmptyResult) return ctx.postTo(target(), digitsParameters(outcome.digits, outcome.terminator));
        return { next: "continue", commands: [] };
      case "speech":
        if (outcome.transcript || verb.actionOnEmptyResult) return ctx.postTo(target(), speechParameters(outcome.transcript, outcome.confidence));
        return { next: "continue", commands: [] };
      case "timeout":
        return verb.actionOnEmptyResult ? ctx.postTo(target(), digitsParameters("", null)) : { next: "continue", commands: [] };
      case "failed":
        return reportAndContinue(outcome, ctx);
      default:
        return null;
    }
  },
};
