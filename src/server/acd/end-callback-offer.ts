// A callback's offer was not answered (rang out, declined, the softphone unreachable): the callback waits again at
// its place for anyone but this agent, and the agent counts a missed offer, set away at the queue's maxNoAnswer in a
// row (as end-call-offer.ts does for callers). No call to the customer was made: no attempt is counted.
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";

export async function endCallbackOffer(input: { tenantId: string; callbackId: string; agentId: string; why: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const callback = await tx.queueCallback.findFirst({ where: { id: input.callbackId, tenantId: input.tenantId }, include: { queue: { select: { maxNoAnswer: true } } } });
    if (callback && callback.status === "offered" && callback.offeredAgentId === input.agentId) {
      await tx.queueCallback.update({ where: { id: callback.id }, data: { status: "pending", offeredAgentId: null, offeredAt: null, excludedAgentIds: { push: input.agentId }, lastOutcome: "agent-missed" } });
    }
    const agent = await tx.agent.findFirst({ where: { id: input.agentId, tenantId: input.tenantId }, select: { missedOffers: true } });
    const limit = callback?.queue.maxNoAnswer ?? 0;
    const away = limit > 0 && (agent?.missedOffers ?? 0) + 1 >= limit;
    const moved = await setAgentState(tx, { tenantId: input.tenantId, agentId: input.agentId, to: away ? "AWAY" : "AVAILABLE", cause: "missed", onlyFromCallId: input.callbackId });
    if (callback) {
      const reason = `not answered (${input.why})${moved.changed && away ? `: ${limit} missed in a row, the agent is set away` : ""}`;
      await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: callback.queueId, itemKind: "callback", itemId: callback.id, agentId: input.agentId, outcome: "missed", reason });
    }
  });
}
