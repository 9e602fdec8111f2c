// <Enqueue>'s wait: a caller in a queue runs the queue's wait document (its waitUrl, fetched with the queue's facts
// and fetched again each time it runs out; without a waitUrl, the switch's music on hold) until it leaves the queue.
// How it leaves decides what the Enqueue's action hears as QueueResult (twilio.com/docs/voice/twiml/enqueue):
//   leave        <Leave> in the wait document: the caller goes on with the action's document, or after <Enqueue>
//   hangup       the caller hung up, or <Hangup> in the wait document: the action is told, nothing more runs
//   error        the wait document failed (fetch, parse, a verb a wait document cannot run)
//   redirected   a live change (POST /calls/{id}, Calls/{Sid}.json) took the call: the action is told, the new
//                document runs
//   queue-full, system-error   the call was never queued (enqueue-handler in flow-handlers.ts)
// The routing to agents (bridged, <Dial><Queue>) comes with the agent desktop.
import { callParameters, queueParameters } from "./call-parameters";
import type { Command } from "./commands";
import type { Outcome } from "./outcomes";
import { end, fetchDocument, runFrom, type Decision } from "./run-verbs";
import type { QueueResult, SessionState } from "./session-state";
import type { VerbOf } from "../voice-document.schemas";

/** What a wait document may run (Twilio's list for waitUrl). */
export const WAIT_VERBS = new Set(["play", "say", "pause", "gather", "redirect", "hangup", "leave"]);

/** The queue the Enqueue verb at `index` named, joined: the outer document is kept, and the wait starts. */
export function enterQueue(state: SessionState, index: number, queueSid: string, commands: Command[]): Decision {
  const verb = state.document.verbs[index] as VerbOf<"enqueue">;
  const source = state.document.source;
  const resolve = (url: string) => new URL(url, source.url ?? undefined).toString();
  const queued: SessionState = {
    ...state,
    queue: {
      name: verb.enqueue,
      sid: queueSid,
      action: verb.action !== undefined ? { url: resolve(verb.action), method: verb.method } : null,
      waitUrl: verb.waitUrl !== undefined ? { url: resolve(verb.waitUrl), method: verb.waitUrlMethod } : null,
      outer: { verbs: state.document.verbs, source, verbIndex: index },
    },
  };
  return startWait(queued, commands);
}

/** The wait (again): the waitUrl's document, asked with the queue's facts, or the switch's music on hold. */
export function startWait(state: SessionState, commands: Command[]): Decision {
  const queue = state.queue!;
  if (!queue.waitUrl) {
    return { state: { ...state, step: state.step + 1, awaiting: { kind: "holdMusic" } }, commands: [...commands, { kind: "holdMusic" }] };
  }
  const decision = fetchDocument(state, { url: queue.waitUrl.url, method: queue.waitUrl.method, params: callParameters(state.call) }, commands);
  return { ...decision, commands: decision.commands.map((c, i) => (i === decision.commands.length - 1 && c.kind === "fetch" ? { ...c, queueWait: true as const } : c)) };
}

/** The call leaves its queue; the action hears `result` once the queue says how long the caller waited. */
export function leaveQueue(state: SessionState, result: QueueResult, commands: Command[]): Decision {
  if (result === "hangup") return end(state, [...commands, ...leftBehindOnEnd(state, "hangup")]);
  return { state: { ...state, step: state.step + 1, awaiting: { kind: "leavingQueue", result } }, commands: [...commands, { kind: "leaveQueue", notify: null }] };
}

/** The queue left: the outer document again, its Enqueue's action asked, or the verb after it run. */
export function afterLeavingQueue(state: SessionState, outcome: Outcome): Decision | null {
  if (state.awaiting.kind !== "leavingQueue" || outcome.kind !== "queueLeft" || !state.queue) return null;
  const queue = state.queue;
  const { queue: _left, ...rest } = state;
  const outer: SessionState = { ...rest, document: { verbs: queue.outer.verbs, source: queue.outer.source }, verbIndex: queue.outer.verbIndex };
  if (!queue.action) return runFrom(outer, queue.outer.verbIndex + 1);
  const params = { ...callParameters(state.call), ...queueParameters(state.awaiting.result, outcome.queueSid ?? queue.sid, outcome.waitedSeconds) };
  return fetchDocument(outer, { url: queue.action.url, method: queue.action.method, params }, []);
}

/**
 * The call ends or is taken elsewhere while queued: it leaves the queue, and the action hears why (the worker adds
 * QueueSid and QueueTime); its answer is not run. Nothing when the call is in no queue.
 */
export function leftBehindOnEnd(state: SessionState, result: "hangup" | "redirected"): Command[] {
  const queue = state.queue;
  if (!queue) return [];
  const status = result === "hangup" ? "completed" : state.call.status;
  const notify = queue.action ? { ...queue.action, params: { ...callParameters({ ...state.call, status }), QueueResult: result } } : null;
  return [{ kind: "leaveQueue", notify }];
}
