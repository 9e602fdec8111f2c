// The router chose an agent for a waiting caller: in one transaction the caller's member row is marked offered (only
// if nobody offered it meanwhile: SKIP LOCKED), the agent moves AVAILABLE → RINGING (only if still available), and the
// decision is logged. The worker then rings the agent's softphone from the caller's session (acd-offer-runner.ts).
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";

export type ClaimCallOfferResult = { ok: true; identity: string; ringTimeoutSeconds: number } | { ok: false; why: string };

export async function claimCallOffer(input: { tenantId: string; callId: string; agentId: string; reason: string }): Promise<ClaimCallOfferResult> {
  return db.$transaction(async (tx) => {
    const [member] = await tx.$queryRaw<{ id: string; queueId: string; ringTimeoutSeconds: number }[]>`
      SELECT m.id, m."queueId", q."ringTimeoutSeconds" FROM "QueueMember" m JOIN "CallQueue" q ON q.id = m."queueId"
      WHERE m."callId" = ${input.callId} AND m."tenantId" = ${input.tenantId} AND m."offeredAgentId" IS NULL
      FOR UPDATE OF m SKIP LOCKED`;
    if (!member) return { ok: false as const, why: "the caller is no longer waiting" };
    const sip = await tx.$queryRaw<{ username: string }[]>`
      SELECT s.username FROM "SipUser" s JOIN "Agent" a ON a."userId" = s."userId" AND a."tenantId" = s."tenantId"
      WHERE a.id = ${input.agentId} AND s."tenantId" = ${input.tenantId} AND s.enabled ORDER BY s."createdAt" LIMIT 1`;
    if (!sip[0]) return { ok: false as const, why: "the agent has no softphone line" };
    const moved = await setAgentState(tx, { tenantId: input.tenantId, agentId: input.agentId, to: "RINGING", cause: "offer", callId: input.callId, queueId: member.queueId });
    if (!moved.changed) return { ok: false as const, why: `the agent is not available (${moved.why})` };
    await tx.queueMember.update({ where: { id: member.id }, data: { offeredAgentId: input.agentId, offeredAt: new Date() } });
    await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: member.queueId, itemKind: "call", itemId: input.callId, agentId: input.agentId, outcome: "offered", reason: input.reason });
    return { ok: true as const, identity: sip[0].username, ringTimeoutSeconds: member.ringTimeoutSeconds };
  });
}
