// The decision for an outcome: "given this verb and this outcome, what commands next". A hang-up ends the session at
// any point; an outcome for another step than the one awaited is stale and changes nothing.
import { errorParameters } from "./call-parameters";
import type { Outcome } from "./outcomes";
import { contextOf, decide, end, fail, fetchDocument, follow, MAX_DOCUMENTS_WITHOUT_PROGRESS, runFrom, type Decision } from "./run-verbs";
import type { SessionState } from "./session-state";
import { acceptCallback, afterAgentDial, afterDequeuedBridge, announceInQueue, afterLeavingQueue, agentAnswered, dequeueCaller, leftBehindOnEnd, offerToAgent, startWait } from "./queue-wait";
import { handlerOf } from "./verbs/handlers";

function unchanged(state: SessionState): Decision {
  return { state, commands: [] };
}

function afterFetch(state: SessionState, outcome: Outcome): Decision {
  if (state.awaiting.kind !== "fetch") return unchanged(state);
  const { request, fallbackUsed } = state.awaiting;
  if (outcome.kind === "fetched") {
    const loaded: SessionState = {
      ...state,
      document: { verbs: outcome.document, source: { url: request.url, dialect: outcome.dialect } },
      documentsWithoutProgress: state.documentsWithoutProgress + 1,
    };
    if (loaded.documentsWithoutProgress > MAX_DOCUMENTS_WITHOUT_PROGRESS) {
      return fail(loaded, 12400, `${MAX_DOCUMENTS_WITHOUT_PROGRESS} documents in a row ran nothing for the caller: a redirect loop was stopped`, null);
    }
    return runFrom(loaded, 0);
  }
  if (outcome.kind !== "fetchFailed") return unchanged(state);
  const report = { kind: "reportError" as const, code: outcome.code, message: `${request.url}: ${outcome.message}`, verbIndex: null };
  // A queued caller's wait document is not the call's: its failure takes the caller out of the queue (run-verbs' fail).
  if (state.fallback && !fallbackUsed && !state.queue) {
    const params = { ...request.params, ...errorParameters(outcome.code, request.url) };
    return fetchDocument(state, { url: state.fallback.url, method: state.fallback.method, params }, [report], true);
  }
  return fail(state, outcome.code, `${request.url}: ${outcome.message}`, null);
}

/** The music on hold stopped by itself: it starts again; the switch failing to play it takes the caller out. */
function afterHoldMusic(state: SessionState, outcome: Outcome): Decision {
  if (outcome.kind === "done") return startWait(state, []);
  if (outcome.kind === "failed") return fail(state, outcome.code, outcome.message, null);
  return unchanged(state);
}

export function advanceSession(state: SessionState, outcome: Outcome): Decision {
  if (state.awaiting.kind === "ended") return unchanged(state);
  if (outcome.kind === "hangup") return end({ ...state, call: { ...state.call, status: "completed" } }, leftBehindOnEnd(state, "hangup"));
  if (outcome.step !== state.step) return unchanged(state);
  if (outcome.kind === "dequeued") return dequeueCaller(state, outcome) ?? unchanged(state);
  if (outcome.kind === "agentOffered") return offerToAgent(state, outcome) ?? unchanged(state);
  if (outcome.kind === "queueAnnouncement") return announceInQueue(state, outcome) ?? unchanged(state);
  if (outcome.kind === "agentAnswered") return agentAnswered(state, outcome) ?? unchanged(state);
  if (outcome.kind === "callbackAccepted") return acceptCallback(state) ?? unchanged(state);
  if (state.awaiting.kind === "agentRinging") return afterAgentDial(state, outcome) ?? unchanged(state);
  if (state.awaiting.kind === "bridgedToDequeuer") return afterDequeuedBridge(state, outcome) ?? unchanged(state);
  if (state.awaiting.kind === "fetch") return afterFetch(state, outcome);
  if (state.awaiting.kind === "leavingQueue") return afterLeavingQueue(state, outcome) ?? unchanged(state);
  if (state.awaiting.kind === "holdMusic") return afterHoldMusic(state, outcome);
  const index = state.verbIndex;
  const verb = state.document.verbs[index]!;
  const next = decide(index, () => handlerOf(verb).complete?.(verb, outcome, contextOf(state, index)) ?? null);
  return next ? follow(state, index, next, []) : unchanged(state);
}
