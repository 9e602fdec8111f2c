// The engine: runs the document from a verb on until one has to wait (for the caller, the switch or the application),
// and turns what a verb handler decided into the next state and commands. Every decision is a Decision: the state to
// store and the commands to carry out, in order.
import type { Command } from "./commands";
import type { FetchRequest, SessionState } from "./session-state";
import { bridgeToDequeuer, DEQUEUED_VERBS, enterQueue, leaveQueue, leftBehindOnEnd, startWait, WAIT_VERBS } from "./queue-wait";
import { connectWhisperedLeg, refuseWhisperVerb, WHISPER_VERBS } from "./whisper";
import { handlerOf } from "./verbs/handlers";
import { verbName } from "../voice-document.schemas";
import { UnresolvableUrlError, VerbContext, type Next } from "./verb-handler";

export interface Decision {
  state: SessionState;
  commands: Command[];
}

/** What the caller hears when the application fails them (Twilio's words), before the call ends. */
export const APOLOGY = "We are sorry, an application error has occurred. Goodbye.";

/** Documents fetched in a row with nothing for the caller in between before the engine calls it a redirect loop. */
export const MAX_DOCUMENTS_WITHOUT_PROGRESS = 10;

export function contextOf(state: SessionState, verbIndex: number): VerbContext {
  return new VerbContext(state.call, state.document.source, verbIndex, state.queue ?? null);
}

export function end(state: SessionState, commands: Command[]): Decision {
  return { state: { ...state, awaiting: { kind: "ended" } }, commands };
}

/** An application error: reported for the debugger, apologised for, and the call ends. Never dead air. */
export function fail(state: SessionState, code: number, message: string, verbIndex: number | null, commands: Command[] = []): Decision {
  // A queued caller's wait document failed: the caller leaves the queue and the Enqueue's action hears `error`.
  if (state.queue) return leaveQueue(state, "error", [...commands, { kind: "reportError", code, message, verbIndex }]);
  return end(state, [
    ...commands,
    { kind: "reportError", code, message, verbIndex },
    { kind: "speak", text: APOLOGY, voice: null, language: "en-US", loop: 1 },
    { kind: "hangup", cause: "application-error" },
  ]);
}

export function fetchDocument(state: SessionState, request: FetchRequest, commands: Command[], fallbackUsed = false): Decision {
  return {
    state: { ...state, step: state.step + 1, awaiting: { kind: "fetch", request, fallbackUsed } },
    commands: [...commands, { kind: "fetch", url: request.url, method: request.method, params: request.params }],
  };
}

/** Where the verb at `index` leads, given what its handler decided (`commands` ran before it). */
export function follow(state: SessionState, index: number, next: Next, commands: Command[]): Decision {
  switch (next.next) {
    case "await":
      // The caller hears or does something: whatever redirects led here were not a loop.
      return {
        state: { ...state, verbIndex: index, step: state.step + 1, awaiting: { kind: "verb" }, documentsWithoutProgress: 0 },
        commands: [...commands, ...next.commands],
      };
    case "continue":
      return runFrom(state, index + 1, [...commands, ...next.commands]);
    case "fetch":
      return fetchDocument(state, next.request, [...commands, ...next.commands]);
    case "end":
      return end(state, [...leftBehindOnEnd(state, "hangup"), ...commands, ...next.commands]);
    case "fail":
      return fail(state, next.code, next.message, index, commands);
    case "enterQueue":
      return enterQueue(state, index, next.queueSid, commands);
    case "leaveQueue":
      return leaveQueue(state, next.result, commands);
  }
}

/** A handler's decision, or an application error when the verb names a URL that cannot be resolved. */
export function decide<T extends Next | null>(index: number, decideNext: () => T): T | Next {
  try {
    return decideNext();
  } catch (e) {
    if (e instanceof UnresolvableUrlError) return { next: "fail", code: e.code, message: `verb ${index}: ${e.message}` };
    throw e;
  }
}

/** Runs the document from verb `index`; past its last verb the call ends, as TwiML's does. */
export function runFrom(state: SessionState, index: number, commands: Command[] = []): Decision {
  const verb = state.document.verbs[index];
  // A dequeued caller's url document ran out: it is bridged. A wait document that ran to its end starts again (its
  // URL fetched anew), as long as the caller waits.
  if (!verb && state.queue?.dequeued) return bridgeToDequeuer(state, commands);
  if (!verb && state.queue) return startWait(state, commands);
  if (!verb && state.whisper) return connectWhisperedLeg(state, commands);
  if (!verb) return end(state, [...commands, { kind: "hangup", cause: "normal" }]);
  if (state.whisper && !WHISPER_VERBS.has(verbName(verb))) return refuseWhisperVerb(state, index, verb, commands);
  if (state.queue?.dequeued && !DEQUEUED_VERBS.has(verbName(verb))) {
    return fail(state, 12200, `verb ${index}: <${verbName(verb)}> cannot run on a dequeued caller before its bridge (Play, Say, Pause, Redirect can)`, index, commands);
  }
  if (state.queue && !WAIT_VERBS.has(verbName(verb))) {
    return fail(state, 12200, `verb ${index}: <${verbName(verb)}> cannot run in a queue's wait document (Play, Say, Pause, Gather, Redirect, Hangup, Leave can)`, index, commands);
  }
  const next = decide(index, () => handlerOf(verb).begin(verb, contextOf(state, index)));
  return follow(state, index, next, commands);
}
