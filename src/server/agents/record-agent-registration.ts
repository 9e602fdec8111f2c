// The switch says a SIP user registered or unregistered (sofia::register / unregister / expire, read by
// worker/acd/agent-registrations.ts). When the user is an agent's softphone line, the agent's `registered` follows;
// an agent who loses their last registration while available (or ringing) goes offline, so nobody is offered calls on
// a phone that is not there (the most common complaint about mod_callcenter). A phone that comes back soon after
// (a dropped WebSocket reconnecting, the switch's profile restarted) puts the agent back to available, when it was
// the unregistration that took them offline and nobody changed their state since: a blip does not leave a team
// silently offline.
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";

/** How long after losing their phone an agent comes back to available by registering again. */
export const REREGISTER_RESTORES_WITHIN_MS = 10 * 60_000;

export interface RecordAgentRegistrationInput {
  username: string;
  domain: string;
  registered: boolean;
  /** The switch that said so (a registration is kept with its switch, so reconciling asks that switch alone). */
  switchId?: string;
}

export async function recordAgentRegistration(input: RecordAgentRegistrationInput): Promise<{ agentId: string; changed: boolean } | null> {
  const line = await db.sipUser.findUnique({ where: { domain_username: { domain: input.domain.toLowerCase(), username: input.username.toLowerCase() } }, select: { tenantId: true, userId: true } });
  if (!line?.userId) return null;
  const { tenantId, userId } = line;
  return db.$transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { id: true, registered: true } });
    if (!agent) return null;
    const switchId = input.registered ? (input.switchId ?? null) : null;
    await tx.agent.update({ where: { id: agent.id }, data: { registered: input.registered, ...(input.switchId !== undefined || !input.registered ? { registeredSwitchId: switchId } : {}) } });
    let changed = agent.registered !== input.registered;
    if (!input.registered) {
      const moved = await setAgentState(tx, { tenantId, agentId: agent.id, to: "OFFLINE", cause: "unregistered" });
      changed ||= moved.changed;
    } else {
      const last = await tx.agentStateChange.findFirst({ where: { tenantId, agentId: agent.id }, orderBy: { at: "desc" }, select: { cause: true, fromState: true, toState: true, at: true } });
      const blip = last?.cause === "unregistered" && last.toState === "OFFLINE" && last.fromState === "AVAILABLE" && Date.now() - last.at.getTime() < REREGISTER_RESTORES_WITHIN_MS;
      if (blip) {
        const moved = await setAgentState(tx, { tenantId, agentId: agent.id, to: "AVAILABLE", cause: "registered" });
        changed ||= moved.changed;
      }
    }
    return { agentId: agent.id, changed };
  });
}
