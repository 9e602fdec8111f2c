// The agent answered the caller offered to them: the caller leaves the queue (its wait counts towards the queue's
// average, as any leaving), the agent is on the call, the decision log says so. Null when the offer is no longer
// this agent's (the caller left, a supervisor moved the agent): the worker then lets the bridge be, the state follows
// the call's end. Ring-all: the other agents whose phones rang with this caller lost the race, no fault of theirs:
// they go back to available with no miss counted, and the log says another agent answered.
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";
import { newId } from "@/server/shared/ids";

export async function answerCallOffer(input: { tenantId: string; callId: string; agentId: string; legCallId: string | null }): Promise<{ waitedSeconds: number; queueId: string } | null> {
  return db.$transaction(async (tx) => {
    const member = await tx.queueMember.findFirst({ where: { callId: input.callId, tenantId: input.tenantId, offeredAgentId: { not: null } } });
    if (!member) return null;
    const ringing = await tx.agent.findMany({ where: { tenantId: input.tenantId, state: "RINGING", currentCallId: input.callId }, select: { id: true }, orderBy: { id: "asc" } });
    if (member.offeredAgentId !== input.agentId && !ringing.some((a) => a.id === input.agentId)) return null;
    await tx.queueMember.delete({ where: { id: member.id } });
    const waitedSeconds = Math.max(0, Math.round((Date.now() - member.enqueuedAt.getTime()) / 1000));
    await tx.callQueue.update({ where: { id: member.queueId }, data: { waitSecondsTotal: { increment: waitedSeconds }, membersLeft: { increment: 1 } } });
    await setAgentState(tx, { tenantId: input.tenantId, agentId: input.agentId, to: "ON_CALL", cause: "answered", callId: input.callId, queueId: member.queueId });
    for (const other of ringing) {
      if (other.id === input.agentId) continue;
      const freed = await setAgentState(tx, { tenantId: input.tenantId, agentId: other.id, to: "AVAILABLE", cause: "ended", onlyFromCallId: input.callId });
      if (freed.changed) await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: member.queueId, itemKind: "call", itemId: input.callId, agentId: other.id, outcome: "released", reason: "ring-all: another agent answered first" });
    }
    await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: member.queueId, itemKind: "call", itemId: input.callId, agentId: input.agentId, outcome: "answered", reason: `answered after ${waitedSeconds} s in queue${input.legCallId ? ` (leg ${input.legCallId})` : ""}` });
    await tx.queueOutcome.create({
      data: { id: newId("qo"), tenantId: input.tenantId, queueId: member.queueId, itemKind: "call", itemId: input.callId, agentId: input.agentId, enqueuedAt: member.enqueuedAt, answeredAt: new Date(), endedAt: new Date(), result: "answered", waitSeconds: waitedSeconds },
    });
    return { waitedSeconds, queueId: member.queueId };
  });
}
