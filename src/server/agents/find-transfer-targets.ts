// What an agent's transfer dialog offers: the other agents (with their state, so an offline one is shown as such),
// the account's queues, and the caller IDs a call to a number may show.
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { AGENT_ROLE } from "@/server/agents/agent-view";
import { AGENT_STATE_NAMES, type AgentStateName } from "@/server/agents/agents.schemas";
import { findAgentCallerIds, type AgentCallerId } from "@/server/agents/find-agent-caller-ids";
import { assertRole, type Actor } from "@/server/tenancy";

export interface TransferTargets {
  agents: { id: string; name: string; state: AgentStateName; registered: boolean }[];
  queues: { id: string; name: string }[];
  callerIds: AgentCallerId[];
}

export async function findTransferTargets(actor: Actor): Promise<TransferTargets> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const [agents, queues, callerIds] = await Promise.all([
    db.agent.findMany({
      where: { tenantId: actor.tenantId, userId: { not: actor.userId } },
      select: { id: true, state: true, registered: true, user: { select: { name: true, email: true } } },
      orderBy: { id: "asc" },
      take: 500,
    }),
    db.callQueue.findMany({ where: { tenantId: actor.tenantId }, select: { id: true, friendlyName: true }, orderBy: { friendlyName: "asc" }, take: 500 }),
    findAgentCallerIds(actor.tenantId),
  ]);
  return {
    agents: agents
      .map((a) => ({ id: a.id, name: a.user.name || a.user.email, state: AGENT_STATE_NAMES[a.state], registered: a.registered }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    queues: queues.map((q) => ({ id: q.id, name: q.friendlyName })),
    callerIds,
  };
}
