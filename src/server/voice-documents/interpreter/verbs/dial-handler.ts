// dial: ring the nouns (all at once, or one after another), bridge the caller to the first that answers, and when
// the dialled call ends post DialCallStatus, DialCallSid, DialCallDuration and DialBridged to the action. Without an
// action the next verb runs (Twilio's rule, in both forms). After the caller hangs up the action is told, and the
// call ends.
import type { TDialNoun } from "../../verbs/dial-nouns";
import type { VerbOf } from "../../voice-document.schemas";
import { dialParameters } from "../call-parameters";
import type { DialCommand, DialTarget, EventCallback, MachineDetection } from "../commands";
import { reportAndContinue, type VerbContext, type VerbHandler } from "../verb-handler";

type Dial = VerbOf<"dial">;

function eventCallback(ctx: VerbContext, url: string | undefined, method: "GET" | "POST", events: string[] | undefined): EventCallback | null {
  const callback = ctx.callback(url, method);
  return callback ? { ...callback, events: events ?? [] } : null;
}

function machineDetection(noun: Extract<TDialNoun, { number: string } | { sip: string }>, ctx: VerbContext): MachineDetection | null {
  if (!noun.machineDetection) return null;
  return {
    mode: noun.machineDetection,
    timeoutSeconds: noun.machineDetectionTimeout,
    speechThresholdMs: noun.machineDetectionSpeechThreshold,
    speechEndThresholdMs: noun.machineDetectionSpeechEndThreshold,
    silenceTimeoutMs: noun.machineDetectionSilenceTimeout,
    statusCallback: ctx.callback(noun.amdStatusCallback, noun.amdStatusCallbackMethod),
  };
}

export function dialTarget(noun: TDialNoun, ctx: VerbContext): DialTarget {
  if ("conference" in noun) {
    return {
      kind: "conference",
      name: noun.conference,
      muted: noun.muted,
      beep: noun.beep,
      startOnEnter: noun.startConferenceOnEnter,
      endOnExit: noun.endConferenceOnExit,
      waitUrl: ctx.callback(noun.waitUrl, noun.waitMethod),
      maxParticipants: noun.maxParticipants,
      record: noun.record === "record-from-start",
      trimSilence: noun.trim === "trim-silence",
      coach: noun.coach ?? null,
      participantLabel: noun.participantLabel ?? null,
      statusCallback: eventCallback(ctx, noun.statusCallback, noun.statusCallbackMethod, noun.statusCallbackEvent),
      recordingStatusCallback: eventCallback(ctx, noun.recordingStatusCallback, noun.recordingStatusCallbackMethod, noun.recordingStatusCallbackEvent),
    };
  }
  if ("queue" in noun) return { kind: "queue", name: noun.queue, whisperUrl: ctx.callback(noun.url, noun.method) };
  const answerUrl = ctx.callback(noun.url, noun.method);
  const statusCallback = eventCallback(ctx, noun.statusCallback, noun.statusCallbackMethod, noun.statusCallbackEvent);
  if ("client" in noun) return { kind: "client", identity: noun.client, parameters: noun.parameters ?? {}, answerUrl, statusCallback };
  if ("sip" in noun) {
    return { kind: "sip", uri: noun.sip, username: noun.username ?? null, password: noun.password ?? null, answerUrl, statusCallback, machineDetection: machineDetection(noun, ctx) };
  }
  return { kind: "number", number: noun.number, sendDigits: noun.sendDigits ?? null, answerUrl, statusCallback, machineDetection: machineDetection(noun, ctx) };
}

function dialCommand(verb: Dial, ctx: VerbContext): DialCommand {
  const recordFrom = verb.record === "do-not-record" ? null : verb.record.includes("ringing") ? "ringing" : "answer";
  return {
    kind: "dial",
    targets: verb.dial.map((noun) => dialTarget(noun, ctx)),
    callerId: verb.callerId ?? null,
    timeoutSeconds: verb.timeout,
    timeLimitSeconds: verb.timeLimit,
    hangupOnStar: verb.hangupOnStar,
    answerOnBridge: verb.answerOnBridge,
    sequential: verb.sequential,
    ringTone: verb.ringTone ?? null,
    record: recordFrom
      ? {
          from: recordFrom,
          dualChannel: verb.record.endsWith("-dual"),
          track: verb.recordingTrack,
          trimSilence: verb.trim === "trim-silence",
          statusCallback: eventCallback(ctx, verb.recordingStatusCallback, verb.recordingStatusCallbackMethod, verb.recordingStatusCallbackEvent),
        }
      : null,
    referUrl: ctx.callback(verb.referUrl, verb.referMethod),
  };
}

export const dialHandler: VerbHandler<Dial> = {
  begin: (verb, ctx) => ({ next: "await", commands: [dialCommand(verb, ctx)] }),
  complete(verb, outcome, ctx) {
    if (outcome.kind === "failed") return reportAndContinue(outcome, ctx);
    if (outcome.kind !== "dialEnded") return null;
    const target = ctx.callback(verb.action, verb.method);
    const params = dialParameters(outcome);
    if (!outcome.callerHungUp) return ctx.postTo(target, params);
    return ctx.notifyAndEnd(target, params);
  },
};
