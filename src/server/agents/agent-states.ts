// Which moves of an agent's state are allowed, and by whom. The one writer (set-agent-state.ts) checks every change
// against this table, so a late or repeated event (a hang-up after a supervisor logged the agent out, a second
// answer) cannot put an agent in a state the switch or the router did not mean.
import type { AgentState } from "@/generated/prisma/enums";

export type AgentStateCause =
  /** the agent by hand (available, away, offline; the end of wrap-up) */
  | "manual"
  /** a supervisor forced it (audited) */
  | "supervisor"
  /** the router offered a call: the phone rings */
  | "offer"
  /** the agent answered a call (offered or direct) */
  | "answered"
  /** the agent placed a call from their own phone */
  | "dialled"
  /** an offer rang out, was declined or failed */
  | "missed"
  /** the call ended */
  | "ended"
  /** wrap-up's time ran out */
  | "wrap-up-done"
  /** the softphone registered / unregistered on the switch */
  | "registered"
  | "unregistered"
  /** the worker found the state disagreeing with the switch and corrected it */
  | "reconciled";

const ANY: AgentState[] = ["OFFLINE", "AVAILABLE", "RINGING", "ON_CALL", "WRAP_UP", "AWAY"];

/** The states each cause may move an agent from, and to. */
const MOVES: Record<AgentStateCause, { from: AgentState[]; to: AgentState[] }> = {
  manual: { from: ["OFFLINE", "AVAILABLE", "AWAY", "WRAP_UP"], to: ["OFFLINE", "AVAILABLE", "AWAY"] },
  supervisor: { from: ANY, to: ["OFFLINE", "AVAILABLE", "AWAY"] },
  offer: { from: ["AVAILABLE"], to: ["RINGING"] },
  answered: { from: ["RINGING", "AVAILABLE", "AWAY", "WRAP_UP"], to: ["ON_CALL"] },
  dialled: { from: ["AVAILABLE", "AWAY", "WRAP_UP"], to: ["ON_CALL"] },
  missed: { from: ["RINGING"], to: ["AVAILABLE", "AWAY"] },
  ended: { from: ["ON_CALL", "RINGING"], to: ["WRAP_UP", "AVAILABLE"] },
  "wrap-up-done": { from: ["WRAP_UP"], to: ["AVAILABLE"] },
  /** back to available when the phone that went comes back soon (record-agent-registration.ts) */
  registered: { from: ["OFFLINE"], to: ["OFFLINE", "AVAILABLE"] },
  unregistered: { from: ["AVAILABLE", "RINGING"], to: ["OFFLINE"] },
  reconciled: { from: ["RINGING", "ON_CALL", "WRAP_UP"], to: ["AVAILABLE", "WRAP_UP", "OFFLINE"] },
};

export function moveAllowed(cause: AgentStateCause, from: AgentState, to: AgentState): boolean {
  const move = MOVES[cause];
  return move.from.includes(from) && move.to.includes(to);
}

/** States in which the agent works the phone: the router may count them as logged in. */
export const LOGGED_IN_STATES: AgentState[] = ["AVAILABLE", "RINGING", "ON_CALL", "WRAP_UP"];
