// start and stop run beside the call (a one-way stream, a recording) and the next verb runs at once; connect hands
// the call's audio to a WebSocket server until it closes the stream, then posts to the action or goes on.
import type { VerbOf } from "../../voice-document.schemas";
import type { EventCallback, StreamSpec } from "../commands";
import { reportAndContinue, type VerbContext, type VerbHandler } from "../verb-handler";

type StreamNoun = { stream: string; name?: string; parameters?: Record<string, string>; statusCallback?: string; statusCallbackMethod: "GET" | "POST" };

function streamSpec(noun: StreamNoun, ctx: VerbContext): StreamSpec {
  return { url: noun.stream, name: noun.name ?? null, parameters: noun.parameters ?? {}, statusCallback: ctx.callback(noun.statusCallback, noun.statusCallbackMethod) };
}

export const startHandler: VerbHandler<VerbOf<"start">> = {
  begin(verb, ctx) {
    const noun = verb.start;
    if ("stream" in noun) return { next: "continue", commands: [{ kind: "startStream", stream: streamSpec(noun, ctx), track: noun.track }] };
    const callback = ctx.callback(noun.recordingStatusCallback, noun.recordingStatusCallbackMethod);
    const statusCallback: EventCallback | null = callback ? { ...callback, events: noun.recordingStatusCallbackEvent } : null;
    return {
      next: "continue",
      commands: [{ kind: "startRecording", name: noun.name ?? null, dualChannel: noun.channels === "dual", track: noun.track, trimSilence: noun.trim === "trim-silence", statusCallback }],
    };
  },
};

export const stopHandler: VerbHandler<VerbOf<"stop">> = {
  begin(verb) {
    const noun = verb.stop;
    return { next: "continue", commands: [{ kind: "stream" in noun ? "stopStream" : "stopRecording", name: noun.name ?? null }] };
  },
};

export const connectHandler: VerbHandler<VerbOf<"connect">> = {
  begin: (verb, ctx) => ({ next: "await", commands: [{ kind: "connectStream", stream: streamSpec(verb.connect, ctx) }] }),
  complete(verb, outcome, ctx) {
    if (outcome.kind === "failed") return reportAndContinue(outcome, ctx);
    if (outcome.kind !== "streamEnded") return null;
    return ctx.postTo(ctx.callback(verb.action, verb.method), {});
  },
};
