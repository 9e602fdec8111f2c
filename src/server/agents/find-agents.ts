import { db } from "@/server/db";
import { AGENT_VIEW_INCLUDE, SUPERVISOR_ROLE, toAgentView, type AgentView } from "@/server/agents/agent-view";
import { assertRole, type Actor } from "@/server/tenancy";

/** Every agent of the tenant for the supervisor's grid and the wallboard (a contact centre's agents: hundreds, not more). */
export async function findAgents(actor: Actor): Promise<AgentView[]> {
  assertRole(actor, SUPERVISOR_ROLE);
  const rows = await db.agent.findMany({ where: { tenantId: actor.tenantId }, include: AGENT_VIEW_INCLUDE, orderBy: { id: "asc" } });
  return rows.map(toAgentView).sort((a, b) => a.name.localeCompare(b.name));
}
