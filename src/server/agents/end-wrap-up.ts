import { db } from "@/server/db";
import { AppError, fieldError } from "@/server/errors";
import { AGENT_ROLE, AGENT_VIEW_INCLUDE, toAgentView, type AgentView } from "@/server/agents/agent-view";
import { ZEndWrapUpInput, type TEndWrapUpInput } from "@/server/agents/agents.schemas";
import { MANUAL_STATES } from "@/server/agents/change-my-agent-state";
import { setAgentState } from "@/server/agents/set-agent-state";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * The agent ends wrap-up: the disposition (required when the call's queue says so) and notes are kept with the call,
 * and the agent goes on to the state they chose.
 */
export async function endWrapUp(actor: Actor, rawInput: TEndWrapUpInput): Promise<AgentView> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const input = ZEndWrapUpInput.parse(rawInput);
  const agent = await db.agent.findUnique({ where: { tenantId_userId: { tenantId: actor.tenantId, userId: actor.userId } } });
  if (!agent || agent.state !== "WRAP_UP") throw new AppError("CONFLICT", "you are not in wrap-up");
  const queue = agent.currentQueueId ? await db.callQueue.findFirst({ where: { id: agent.currentQueueId, tenantId: actor.tenantId }, select: { dispositionRequired: true } }) : null;
  if (input.dispositionId) {
    const found = await db.disposition.findFirst({ where: { id: input.dispositionId, tenantId: actor.tenantId, archived: false }, select: { id: true } });
    if (!found) throw fieldError("dispositionId", "not one of the account's disposition codes");
  } else if (queue?.dispositionRequired) {
    throw fieldError("dispositionId", "this queue requires a disposition code before wrap-up ends");
  }
  await db.$transaction(async (tx) => {
    const now = new Date();
    await tx.callWrapUp.create({
      data: { id: newId("wu"), tenantId: actor.tenantId, agentId: agent.id, callId: agent.currentCallId, queueId: agent.currentQueueId, dispositionId: input.dispositionId ?? null, notes: input.notes, startedAt: agent.stateSince, endedAt: now },
    });
    const to = MANUAL_STATES[input.next];
    await setAgentState(tx, { tenantId: actor.tenantId, agentId: agent.id, to, cause: to === "AVAILABLE" ? "wrap-up-done" : "manual", byUserId: actor.userId });
  });
  return toAgentView(await db.agent.findUniqueOrThrow({ where: { id: agent.id }, include: AGENT_VIEW_INCLUDE }));
}
