import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { AGENT_VIEW_INCLUDE, SUPERVISOR_ROLE, toAgentView, type AgentView } from "@/server/agents/agent-view";
import { ZForceAgentStateInput, type TForceAgentStateInput } from "@/server/agents/agents.schemas";
import { assertAwayReason, MANUAL_STATES } from "@/server/agents/change-my-agent-state";
import { setAgentState } from "@/server/agents/set-agent-state";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";

/** A supervisor sets an agent available, away or offline (logs them out); audited with the state before and after. */
export async function forceAgentState(actor: Actor, rawInput: TForceAgentStateInput): Promise<AgentView> {
  assertRole(actor, SUPERVISOR_ROLE);
  const input = ZForceAgentStateInput.parse(rawInput);
  const agent = await db.agent.findFirst({ where: { id: input.agentId, tenantId: actor.tenantId }, select: { id: true, state: true } });
  if (!agent) throw notFound("agent");
  const awayReasonId = input.state === "away" ? await assertAwayReason(actor.tenantId, input.awayReasonId) : null;
  await db.$transaction(async (tx) => {
    const result = await setAgentState(tx, { tenantId: actor.tenantId, agentId: agent.id, to: MANUAL_STATES[input.state], cause: "supervisor", awayReasonId, byUserId: actor.userId });
    await recordAudit(tx, actor, { action: "agent.state.forced", targetType: "agent", targetId: agent.id, before: { state: agent.state }, after: { state: result.agent?.state ?? agent.state, awayReasonId } });
  });
  return toAgentView(await db.agent.findUniqueOrThrow({ where: { id: agent.id }, include: AGENT_VIEW_INCLUDE }));
}
