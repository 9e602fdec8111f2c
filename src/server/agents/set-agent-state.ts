// The one writer of an agent's state. Every mover (the agent, a supervisor, the router, the worker's switch events,
// reconciliation) comes through here inside its own transaction: the row is locked, the move checked against
// agent-states.ts (a move the table does not allow changes nothing and says so), the history row written and the
// change announced when the transaction commits.
import type { Agent, AgentState } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { moveAllowed, type AgentStateCause } from "@/server/agents/agent-states";
import { notifyAgentChanged } from "@/server/agents/notify-agent-changed";
import { newId } from "@/server/shared/ids";

export interface SetAgentStateInput {
  tenantId: string;
  agentId: string;
  to: AgentState;
  cause: AgentStateCause;
  awayReasonId?: string | null;
  /** The call the agent rings with / is on (RINGING, ON_CALL), kept through WRAP_UP. */
  callId?: string | null;
  queueId?: string | null;
  /** WRAP_UP: seconds until it ends by itself (0 or null: the agent ends it). */
  wrapUpSeconds?: number | null;
  byUserId?: string | null;
  /** Only when the agent is now in one of these (the caller's precondition, e.g. RINGING with this call). */
  onlyFromCallId?: string;
}

export type SetAgentStateResult = { changed: true; agent: Agent; from: AgentState } | { changed: false; agent: Agent | null; why: string };

export async function setAgentState(tx: Tx, input: SetAgentStateInput): Promise<SetAgentStateResult> {
  const [current] = await tx.$queryRaw<Agent[]>`SELECT * FROM "Agent" WHERE id = ${input.agentId} AND "tenantId" = ${input.tenantId} FOR UPDATE`;
  if (!current) return { changed: false, agent: null, why: "no such agent" };
  if (input.onlyFromCallId !== undefined && current.currentCallId !== input.onlyFromCallId) return { changed: false, agent: current, why: `the agent is on ${current.currentCallId ?? "no call"}, not ${input.onlyFromCallId}` };
  const from = current.state;
  if (from === input.to && input.to !== "AWAY") return { changed: false, agent: current, why: `already ${from}` };
  if (!moveAllowed(input.cause, from, input.to)) return { changed: false, agent: current, why: `${input.cause} does not move ${from} to ${input.to}` };
  const now = new Date();
  const onCallStates: AgentState[] = ["RINGING", "ON_CALL", "WRAP_UP"];
  const keepsCall = onCallStates.includes(input.to);
  const agent = await tx.agent.update({
    where: { id: current.id },
    data: {
      state: input.to,
      stateSince: now,
      awayReasonId: input.to === "AWAY" ? (input.awayReasonId ?? null) : null,
      currentCallId: keepsCall ? (input.callId ?? current.currentCallId) : null,
      currentQueueId: keepsCall ? (input.queueId !== undefined ? input.queueId : current.currentQueueId) : null,
      wrapUpUntil: input.to === "WRAP_UP" && input.wrapUpSeconds ? new Date(now.getTime() + input.wrapUpSeconds * 1000) : null,
      ...(input.to === "AVAILABLE" ? { idleSince: now } : {}),
      ...(input.cause === "offer" ? { lastOfferedAt: now } : {}),
      ...(input.cause === "answered" ? { missedOffers: 0 } : {}),
      ...(input.cause === "missed" ? { missedOffers: { increment: 1 } } : {}),
      ...(input.cause === "manual" || input.cause === "supervisor" ? { missedOffers: 0 } : {}),
    },
  });
  await tx.agentStateChange.create({
    data: {
      id: newId("asc"),
      tenantId: input.tenantId,
      agentId: current.id,
      fromState: from,
      toState: input.to,
      cause: input.cause,
      awayReasonId: agent.awayReasonId,
      callId: input.callId ?? current.currentCallId,
      byUserId: input.byUserId ?? null,
      at: now,
    },
  });
  await notifyAgentChanged(tx, { tenantId: input.tenantId, agentId: agent.id, userId: agent.userId, state: agent.state, sinceMs: now.getTime() });
  return { changed: true, agent, from };
}
