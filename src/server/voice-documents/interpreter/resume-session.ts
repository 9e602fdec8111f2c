// A worker that restarts mid-call reads the call's stored state and resumes it: the verb that was running starts
// again (a prompt from its beginning, a gather from its first prompt), a pending request is sent again. Either way
// the step moves on, so an outcome of the interrupted attempt arriving late is ignored.
import { contextOf, decide, fetchDocument, follow, type Decision } from "./run-verbs";
import { ZSessionState, type SessionState } from "./session-state";
import { leaveQueue, startWait } from "./queue-wait";
import { handlerOf } from "./verbs/handlers";

/** A stored state, checked: null when it is not one this version can resume (the caller then ends the call cleanly). */
export function readSessionState(stored: unknown): SessionState | null {
  const parsed = ZSessionState.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export function resumeSession(state: SessionState): Decision {
  const { awaiting } = state;
  if (awaiting.kind === "ended") return { state, commands: [] };
  if (awaiting.kind === "fetch") return fetchDocument(state, awaiting.request, [], awaiting.fallbackUsed);
  if (awaiting.kind === "holdMusic") return startWait(state, []);
  if (awaiting.kind === "leavingQueue") return leaveQueue(state, awaiting.result, []);
  const index = state.verbIndex;
  const verb = state.document.verbs[index]!;
  return follow(state, index, decide(index, () => handlerOf(verb).begin(verb, contextOf(state, index))), []);
}
