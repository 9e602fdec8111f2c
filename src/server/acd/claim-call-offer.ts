// The router chose an agent (ring-all: every eligible free agent) for a waiting caller: in one transaction the
// caller's member row is marked offered (only if nobody offered it meanwhile: SKIP LOCKED), each agent moves
// AVAILABLE → RINGING (only if still available; one no longer available is left out), and each decision is logged.
// The worker then rings the agents' softphones from the caller's session (acd-offer-runner.ts). The member row names
// the first agent rung; the others of a ring-all are known by their state (RINGING with this call).
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";

export interface OfferedAgent {
  agentId: string;
  /** The agent's SIP user: the client its softphone registers as. */
  identity: string;
}

export type ClaimCallOfferResult = { ok: true; identity: string; agents: OfferedAgent[]; ringTimeoutSeconds: number } | { ok: false; why: string };

export async function claimCallOffer(input: { tenantId: string; callId: string; agentIds: string[]; reason: string }): Promise<ClaimCallOfferResult> {
  return db.$transaction(async (tx) => {
    const [member] = await tx.$queryRaw<{ id: string; queueId: string; ringTimeoutSeconds: number }[]>`
      SELECT m.id, m."queueId", q."ringTimeoutSeconds" FROM "QueueMember" m JOIN "CallQueue" q ON q.id = m."queueId"
      WHERE m."callId" = ${input.callId} AND m."tenantId" = ${input.tenantId} AND m."offeredAgentId" IS NULL
      FOR UPDATE OF m SKIP LOCKED`;
    if (!member) return { ok: false as const, why: "the caller is no longer waiting" };
    const agents: OfferedAgent[] = [];
    const refused: string[] = [];
    for (const agentId of input.agentIds) {
      const sip = await tx.$queryRaw<{ username: string }[]>`
        SELECT s.username FROM "SipUser" s JOIN "Agent" a ON a."userId" = s."userId" AND a."tenantId" = s."tenantId"
        WHERE a.id = ${agentId} AND s."tenantId" = ${input.tenantId} AND s.enabled ORDER BY s."createdAt" LIMIT 1`;
      if (!sip[0]) {
        refused.push(`${agentId}: the agent has no softphone line`);
        continue;
      }
      const moved = await setAgentState(tx, { tenantId: input.tenantId, agentId, to: "RINGING", cause: "offer", callId: input.callId, queueId: member.queueId });
      if (!moved.changed) {
        refused.push(`${agentId}: the agent is not available (${moved.why})`);
        continue;
      }
      agents.push({ agentId, identity: sip[0].username });
      await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: member.queueId, itemKind: "call", itemId: input.callId, agentId, outcome: "offered", reason: input.reason });
    }
    if (agents.length === 0) return { ok: false as const, why: refused.join("; ") || "no agent to offer" };
    await tx.queueMember.update({ where: { id: member.id }, data: { offeredAgentId: agents[0]!.agentId, offeredAt: new Date() } });
    return { ok: true as const, identity: agents[0]!.identity, agents, ringTimeoutSeconds: member.ringTimeoutSeconds };
  });
}
