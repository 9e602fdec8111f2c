import { agentChangeFeed } from "@/server/agents/agent-change-feed";
import { AGENT_ROLE, SUPERVISOR_ROLE } from "@/server/agents/agent-view";
import { AGENT_STATE_NAMES, type AgentStateName } from "@/server/agents/agents.schemas";
import { AppError } from "@/server/errors";
import { assertRole, roleSatisfies, type Actor } from "@/server/tenancy";

export type AgentChangeEvent = { kind: "changed"; agentId: string; userId: string; state: AgentStateName; sinceMs: number } | { kind: "resync" };

/**
 * Live agent states of the actor's tenant until `signal` aborts: a supervisor gets every agent's, an agent only their
 * own (the desktop follows what the switch and the router did to it).
 */
export async function watchAgentChanges(actor: Actor, signal: AbortSignal): Promise<AsyncIterable<AgentChangeEvent>> {
  assertRole(actor, AGENT_ROLE);
  const everyone = roleSatisfies(actor.role, SUPERVISOR_ROLE);
  if (!everyone && !actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member follows their agent state");
  const feed = agentChangeFeed();
  return (async function* () {
    for await (const event of feed.subscribe(actor.tenantId, signal)) {
      if (event.kind === "resync") yield { kind: "resync" } as const;
      else if (everyone || event.change.userId === actor.userId) {
        const { change } = event;
        yield { kind: "changed", agentId: change.agentId, userId: change.userId, state: AGENT_STATE_NAMES[change.state], sinceMs: change.sinceMs } as const;
      }
    }
  })();
}
