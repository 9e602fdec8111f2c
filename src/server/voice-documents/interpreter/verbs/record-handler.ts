// record: a recording ended by a key, silence, maxLength or a hang-up goes to the action (TwiML without one: the
// document's own URL) with RecordingUrl, RecordingSid, RecordingDuration and Digits. An empty recording goes on with
// the next verb without a request (Twilio's rule). After a hang-up the action is told, and nothing more runs.
import type { VerbOf } from "../../voice-document.schemas";
import { recordParameters } from "../call-parameters";
import type { RecordCommand } from "../commands";
import { reportAndContinue, type VerbContext, type VerbHandler } from "../verb-handler";

type Record = VerbOf<"record">;

function recordCommand(verb: Record, ctx: VerbContext): RecordCommand {
  const statusCallback = ctx.callback(verb.recordingStatusCallback, verb.recordingStatusCallbackMethod);
  return {
    kind: "record",
    maxLengthSeconds: verb.maxLength,
    silenceTimeoutSeconds: verb.timeout,
    finishOnKey: verb.finishOnKey,
    playBeep: verb.playBeep,
    trimSilence: verb.trim === "trim-silence",
    transcribe: verb.transcribe ? { callback: ctx.callback(verb.transcribeCallback, "POST") } : null,
    statusCallback: statusCallback ? { ...statusCallback, events: verb.recordingStatusCallbackEvent } : null,
  };
}

export const recordHandler: VerbHandler<Record> = {
  begin: (verb, ctx) => ({ next: "await", commands: [recordCommand(verb, ctx)] }),
  complete(verb, outcome, ctx) {
    if (outcome.kind === "timeout") return { next: "continue", commands: [] };
    if (outcome.kind === "failed") return reportAndContinue(outcome, ctx);
    if (outcome.kind !== "recorded") return null;
    if (outcome.recording.durationSeconds <= 0) return outcome.terminator === "hangup" ? { next: "end", commands: [] } : { next: "continue", commands: [] };
    const target = ctx.actionTarget(verb.action, verb.method);
    const params = recordParameters(outcome.recording, outcome.terminator);
    if (outcome.terminator !== "hangup") return ctx.postTo(target, params);
    return ctx.notifyAndEnd(target, params);
  },
};
