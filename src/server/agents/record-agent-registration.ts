// The switch says a SIP user registered or unregistered (sofia::register / unregister / expire, read by
// worker/acd/agent-registrations.ts). When the user is an agent's softphone line, the agent's `registered` follows;
// an agent who loses their last registration while available (or ringing) goes offline, so nobody is offered calls on
// a phone that is not there (the most common complaint about mod_callcenter).
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";

export async function recordAgentRegistration(input: { username: string; domain: string; registered: boolean }): Promise<{ agentId: string; changed: boolean } | null> {
  const line = await db.sipUser.findUnique({ where: { domain_username: { domain: input.domain.toLowerCase(), username: input.username.toLowerCase() } }, select: { tenantId: true, userId: true } });
  if (!line?.userId) return null;
  const { tenantId, userId } = line;
  return db.$transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { id: true, registered: true } });
    if (!agent) return null;
    if (agent.registered !== input.registered) await tx.agent.update({ where: { id: agent.id }, data: { registered: input.registered } });
    let changed = agent.registered !== input.registered;
    if (!input.registered) {
      const moved = await setAgentState(tx, { tenantId, agentId: agent.id, to: "OFFLINE", cause: "unregistered" });
      changed ||= moved.changed;
    }
    return { agentId: agent.id, changed };
  });
}
