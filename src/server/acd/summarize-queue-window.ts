// Pure figures of a queue's window of history, from its finished items (QueueOutcome) and its agents' state changes
// (AgentStateChange). Definitions (the ones a wallboard's reader expects):
// - service level: answered within the target / offered (abandoned and overflowed items count against it);
// - abandon rate: abandoned / offered; speed of answer: mean wait of the answered; handle time: mean of the answered;
// - occupancy: time ringing, on a call or in wrap-up / time logged in (available, ringing, on a call, wrap-up).
import type { AgentState } from "@/generated/prisma/client";

export interface OutcomeFacts {
  result: string;
  waitSeconds: number;
  handleSeconds: number;
  endedAt: Date;
}

export interface StateChangeFacts {
  agentId: string;
  fromState: AgentState;
  toState: AgentState;
  at: Date;
}

export interface QueueWindowFigures {
  offered: number;
  answered: number;
  abandoned: number;
  /** 0..100, null with nothing offered */
  serviceLevelPercent: number | null;
  abandonRatePercent: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  averageHandleSeconds: number | null;
  occupancyPercent: number | null;
  /** one bucket per hour from the window's start */
  hourly: { hourStart: Date; answered: number; abandoned: number }[];
}

const HOUR_MS = 3_600_000;
const BUSY: ReadonlySet<AgentState> = new Set(["RINGING", "ON_CALL", "WRAP_UP"]);
const LOGGED_IN: ReadonlySet<AgentState> = new Set(["AVAILABLE", "RINGING", "ON_CALL", "WRAP_UP"]);

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const mean = (values: number[]) => (values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length));

export function summarizeQueueWindow(input: {
  from: Date;
  to: Date;
  serviceLevelSeconds: number;
  outcomes: OutcomeFacts[];
  /** each agent's changes in the window, plus the last one before it (its state at `from`) */
  stateChanges: StateChangeFacts[];
  /** agents with no change at all: their current state held through the window */
  steadyStates?: { agentId: string; state: AgentState }[];
}): QueueWindowFigures {
  const { from, to, outcomes } = input;
  const answered = outcomes.filter((o) => o.result === "answered");
  const abandoned = outcomes.filter((o) => o.result === "abandoned");
  const inServiceLevel = answered.filter((o) => o.waitSeconds <= input.serviceLevelSeconds).length;

  const hours = Math.max(1, Math.ceil((to.getTime() - from.getTime()) / HOUR_MS));
  const hourly = Array.from({ length: Math.min(hours, 24 * 31) }, (_, i) => ({ hourStart: new Date(from.getTime() + i * HOUR_MS), answered: 0, abandoned: 0 }));
  for (const o of outcomes) {
    const bucket = hourly[Math.floor((o.endedAt.getTime() - from.getTime()) / HOUR_MS)];
    if (!bucket) continue;
    if (o.result === "answered") bucket.answered++;
    else if (o.result === "abandoned") bucket.abandoned++;
  }

  return {
    offered: outcomes.length,
    answered: answered.length,
    abandoned: abandoned.length,
    serviceLevelPercent: percent(inServiceLevel, outcomes.length),
    abandonRatePercent: percent(abandoned.length, outcomes.length),
    averageSpeedOfAnswerSeconds: mean(answered.map((o) => o.waitSeconds)),
    averageHandleSeconds: mean(answered.map((o) => o.handleSeconds)),
    occupancyPercent: occupancy(from, to, input.stateChanges, input.steadyStates ?? []),
    hourly,
  };
}

function occupancy(from: Date, to: Date, changes: StateChangeFacts[], steady: { agentId: string; state: AgentState }[]): number | null {
  let busyMs = 0;
  let loggedInMs = 0;
  const add = (state: AgentState, ms: number) => {
    if (ms <= 0) return;
    if (BUSY.has(state)) busyMs += ms;
    if (LOGGED_IN.has(state)) loggedInMs += ms;
  };
  const byAgent = new Map<string, StateChangeFacts[]>();
  for (const c of changes) byAgent.set(c.agentId, [...(byAgent.get(c.agentId) ?? []), c]);
  for (const list of byAgent.values()) {
    list.sort((a, b) => a.at.getTime() - b.at.getTime());
    const first = list[0]!;
    // Before the first change in the window the agent was in that change's fromState (or, for a change before the
    // window, in its toState from `from` on).
    let state: AgentState = first.at < from ? first.toState : first.fromState;
    let since = from.getTime();
    for (const c of list) {
      if (c.at < from) {
        state = c.toState;
        continue;
      }
      const at = Math.min(c.at.getTime(), to.getTime());
      add(state, at - since);
      since = at;
      state = c.toState;
    }
    add(state, to.getTime() - since);
  }
  for (const s of steady) if (!byAgent.has(s.agentId)) add(s.state, to.getTime() - from.getTime());
  return percent(busyMs, loggedInMs);
}
