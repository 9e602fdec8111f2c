import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { AGENT_ROLE, AGENT_VIEW_INCLUDE, toAgentView, type AgentView } from "@/server/agents/agent-view";
import { ensureAgent } from "@/server/agents/ensure-agent";
import { assertRole, type Actor } from "@/server/tenancy";

/** The signed-in member's agent (made on first ask), as their desktop shows it. */
export async function getMyAgent(actor: Actor): Promise<AgentView> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const { id } = await ensureAgent(db, actor.tenantId, actor.userId);
  return toAgentView(await db.agent.findUniqueOrThrow({ where: { id }, include: AGENT_VIEW_INCLUDE }));
}
