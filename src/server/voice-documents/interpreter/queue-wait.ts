// <Enqueue>'s wait: a caller in a queue runs the queue's wait document (its waitUrl, fetched with the queue's facts
// and fetched again each time it runs out; without a waitUrl, the switch's music on hold) until it leaves the queue.
// How it leaves decides what the Enqueue's action hears as QueueResult (twilio.com/docs/voice/twiml/enqueue):
//   leave        <Leave> in the wait document: the caller goes on with the action's document, or after <Enqueue>
//   hangup       the caller hung up, or <Hangup> in the wait document: the action is told, nothing more runs
//   error        the wait document failed (fetch, parse, a verb a wait document cannot run)
//   redirected   a live change (POST /calls/{id}, Calls/{Sid}.json) took the call: the action is told, the new
//                document runs
//   bridged      a <Dial><Queue> took the caller: the Queue noun's url runs on it (Play, Say, Pause, Redirect),
//                then it is bridged to the dialling call; when that call leaves, the action hears `bridged` (or,
//                without an action, the verb after <Enqueue> runs)
//   queue-full, system-error   the call was never queued (enqueue-handler in flow-handlers.ts)
import { callParameters, queueParameters } from "./call-parameters";
import type { Command } from "./commands";
import type { Outcome } from "./outcomes";
import { end, fetchDocument, runFrom, type Decision } from "./run-verbs";
import type { QueueResult, QueueState, SessionState } from "./session-state";
import type { VerbOf } from "../voice-document.schemas";

/** What a wait document may run (Twilio's list for waitUrl). */
export const WAIT_VERBS = new Set(["play", "say", "pause", "gather", "redirect", "hangup", "leave"]);

/** What the <Queue url> document may run on the dequeued caller (Twilio's list). */
export const DEQUEUED_VERBS = new Set(["play", "say", "pause", "redirect"]);

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
  return backToOuter(state, state.awaiting.result, outcome.queueSid ?? state.queue.sid, outcome.waitedSeconds);
}

function backToOuter(state: SessionState, result: QueueResult, queueSid: string, waitedSeconds: number, commands: Command[] = []): Decision {
  const queue = state.queue!;
  const { queue: _left, ...rest } = state;
  const outer: SessionState = { ...rest, document: { verbs: queue.outer.verbs, source: queue.outer.source }, verbIndex: queue.outer.verbIndex };
  if (!queue.action) {
    const next = runFrom(outer, queue.outer.verbIndex + 1);
    return { ...next, commands: [...commands, ...next.commands] };
  }
  const params = { ...callParameters(state.call), ...queueParameters(result, queueSid, waitedSeconds) };
  return fetchDocument(outer, { url: queue.action.url, method: queue.action.method, params }, commands);
}

/**
 * The ACD offers the waiting caller to an agent (worker/acd): the wait stops and the agent's softphone rings as a
 * <Dial><Client> leg with the caller's number as caller ID. Ring-all: every offered agent's softphone rings at once
 * (one <Dial> with a Client noun each); the first to answer takes the call. Nothing when the call is not waiting
 * (left, taken, already offered, ended).
 */
export function offerToAgent(state: SessionState, outcome: Extract<Outcome, { kind: "agentOffered" }>): Decision | null {
  const queue = state.queue;
  const waiting = state.awaiting.kind === "holdMusic" || state.awaiting.kind === "verb" || state.awaiting.kind === "fetch";
  if (!queue || queue.dequeued || queue.offer || !waiting) return null;
  const agents = outcome.agents?.length ? outcome.agents : [{ agentId: outcome.agentId, identity: outcome.identity }];
  const offer = agents.length > 1 ? { agentId: agents[0]!.agentId, ringing: agents.map((a) => ({ agentId: a.agentId, identity: a.identity })) } : { agentId: agents[0]!.agentId };
  const offered: SessionState = { ...state, queue: { ...queue, offer }, step: state.step + 1, awaiting: { kind: "agentRinging" } };
  return {
    state: offered,
    commands: [
      {
        kind: "dial",
        targets: agents.map((a) => ({ kind: "client" as const, identity: a.identity, parameters: {}, answerUrl: null, statusCallback: null })),
        callerId: state.call.from,
        timeoutSeconds: outcome.ringTimeoutSeconds,
        timeLimitSeconds: 4 * 3600,
        hangupOnStar: false,
        answerOnBridge: false,
        sequential: false,
        ringTone: null,
        record: null,
        referUrl: null,
      },
    ],
  };
}

/** Every agent the offer rings (one, or all of a ring-all's until one answered). */
function ringingAgents(offer: NonNullable<QueueState["offer"]>): string[] {
  return offer.ringing?.length ? offer.ringing.map((a) => a.agentId) : [offer.agentId];
}

/** An announcement for a caller on the switch's hold music: it is said, then the music plays on. */
export function announceInQueue(state: SessionState, outcome: Extract<Outcome, { kind: "queueAnnouncement" }>): Decision | null {
  const queue = state.queue;
  if (state.awaiting.kind !== "holdMusic" || !queue || queue.offer || queue.dequeued) return null;
  return {
    state: { ...state, step: state.step + 1 },
    commands: [{ kind: "speak", text: outcome.text, voice: null, language: "en-US", loop: 1 }, { kind: "holdMusic" }],
  };
}

/** What a caller who chose a callback hears before the call ends. */
export const CALLBACK_GOODBYE = "Thank you. We will call you back at the number you are calling from, and you keep your place in line. Goodbye.";

/**
 * The caller pressed 1 on hold music and the ACD took a callback in their place (its member row is gone): they hear
 * that they will be called back, the Enqueue's action is told the call left the queue by hanging up, and the call
 * ends. Nothing when the call is not waiting on hold music.
 */
export function acceptCallback(state: SessionState): Decision | null {
  const queue = state.queue;
  if (state.awaiting.kind !== "holdMusic" || !queue || queue.offer || queue.dequeued) return null;
  const { queue: _left, ...rest } = state;
  const notify = queue.action ? { ...queue.action, params: { ...callParameters({ ...state.call, status: "completed" }), QueueResult: "hangup", QueueSid: queue.sid } } : null;
  return end({ ...rest, step: state.step + 1 }, [
    { kind: "speak", text: CALLBACK_GOODBYE, voice: null, language: "en-US", loop: 1 },
    { kind: "leaveQueue", notify },
    { kind: "hangup", cause: "normal" },
  ]);
}

/** The offered agent answered: the caller is out of the queue (the ACD took its row) and talks to the agent. */
export function agentAnswered(state: SessionState, outcome: Extract<Outcome, { kind: "agentAnswered" }>): Decision | null {
  const queue = state.queue;
  if (state.awaiting.kind !== "agentRinging" || !queue?.offer || queue.dequeued) return null;
  // Ring-all: the one who answered keeps the offer; the others' phones stopped ringing (the ACD freed them).
  const offer = outcome.agentId ? { agentId: outcome.agentId } : queue.offer;
  return { state: { ...state, queue: { ...queue, offer, dequeued: { by: outcome.by, waitedSeconds: outcome.waitedSeconds } } }, commands: [] };
}

/**
 * The agent's leg ended. Answered: the caller left the queue `bridged` and goes on with the Enqueue's action (or the
 * verb after it). Not answered (rang out, declined, unreachable): the caller waits again and the ACD offers it anew.
 */
export function afterAgentDial(state: SessionState, outcome: Outcome): Decision | null {
  const queue = state.queue;
  if (state.awaiting.kind !== "agentRinging" || outcome.kind !== "dialEnded" || !queue?.offer) return null;
  const answered = !!queue.dequeued;
  if (answered) return backToOuter(state, "bridged", queue.sid, queue.dequeued!.waitedSeconds, [{ kind: "agentOfferEnded", agentId: queue.offer.agentId, answered, callerLeft: false }]);
  // Nobody answered: each agent rung missed it (ring-all as mod_callcenter's: every one a no-answer).
  const ended: Command[] = ringingAgents(queue.offer).map((agentId) => ({ kind: "agentOfferEnded", agentId, answered: false, callerLeft: outcome.callerHungUp }));
  const { offer: _offer, ...waiting } = queue;
  // The caller hung up while the agent's phone rang: no fault of the agent's, and nothing more plays (the hang-up's
  // own outcome follows and ends the session).
  if (outcome.callerHungUp) return { state: { ...state, queue: waiting, step: state.step + 1, awaiting: { kind: "holdMusic" } }, commands: ended };
  return startWait({ ...state, queue: waiting }, ended);
}

/**
 * A <Dial><Queue> took the caller (its member row is gone already): the wait stops; the Queue noun's url is asked
 * with QueueSid, QueueTime and DequeingCallSid and runs on the caller, then the two are bridged. Nothing when the
 * call is in no queue or was taken already.
 */
export function dequeueCaller(state: SessionState, outcome: Extract<Outcome, { kind: "dequeued" }>): Decision | null {
  const queue = state.queue;
  if (!queue || queue.dequeued) return null;
  const taken: SessionState = { ...state, queue: { ...queue, dequeued: { by: outcome.by, waitedSeconds: outcome.waitedSeconds } } };
  if (!outcome.url) return bridgeToDequeuer(taken, []);
  const params = { ...callParameters(state.call), QueueSid: queue.sid, QueueTime: String(outcome.waitedSeconds), DequeingCallSid: outcome.by };
  return fetchDocument(taken, { url: outcome.url.url, method: outcome.url.method, params }, []);
}

/** The dequeued caller's url document ran out (or there was none): bridged to the dialling call. */
export function bridgeToDequeuer(state: SessionState, commands: Command[]): Decision {
  return { state: { ...state, step: state.step + 1, awaiting: { kind: "bridgedToDequeuer" } }, commands: [...commands, { kind: "bridgeDequeued", to: state.queue!.dequeued!.by }] };
}

/** The bridge ended with the caller still up: it left its queue `bridged`; the action hears so, or the verb after Enqueue runs. */
export function afterDequeuedBridge(state: SessionState, outcome: Outcome): Decision | null {
  const dequeued = state.queue?.dequeued;
  if (state.awaiting.kind !== "bridgedToDequeuer" || outcome.kind !== "dequeueBridgeEnded" || !dequeued) return null;
  return backToOuter(state, "bridged", state.queue!.sid, dequeued.waitedSeconds);
}

/**
 * The call ends or is taken elsewhere while queued: it leaves the queue, and the action hears why (the worker adds
 * QueueSid and QueueTime); its answer is not run. Nothing when the call is in no queue.
 */
export function leftBehindOnEnd(state: SessionState, result: "hangup" | "redirected"): Command[] {
  const queue = state.queue;
  if (!queue) return [];
  const offerEnded: Command[] = !queue.offer
    ? []
    : queue.dequeued
      ? [{ kind: "agentOfferEnded", agentId: queue.offer.agentId, answered: true, callerLeft: true }]
      : ringingAgents(queue.offer).map((agentId) => ({ kind: "agentOfferEnded" as const, agentId, answered: false, callerLeft: true }));
  const status = result === "hangup" ? "completed" : state.call.status;
  // A dequeued caller is out of the queue already (the worker finds no row): its facts come from the state, and a
  // caller that was bridged left it `bridged` however the call ended.
  const dequeued = queue.dequeued
    ? { QueueSid: queue.sid, QueueTime: String(queue.dequeued.waitedSeconds), ...(state.awaiting.kind === "bridgedToDequeuer" || state.awaiting.kind === "agentRinging" ? { QueueResult: "bridged" } : {}) }
    : {};
  const notify = queue.action ? { ...queue.action, params: { ...callParameters({ ...state.call, status }), QueueResult: result, ...dequeued } } : null;
  return [...offerEnded, { kind: "leaveQueue", notify }];
}
