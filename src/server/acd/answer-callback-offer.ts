// The agent answered a callback's offer: they are on it (ON_CALL), the callback is dialling the customer, and this
// call to the customer is kept as the callback's next attempt. Null when the offer is no longer this agent's.
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";
import { newId } from "@/server/shared/ids";

export async function answerCallbackOffer(input: { tenantId: string; callbackId: string; agentId: string }): Promise<{ attemptId: string; attempt: number } | null> {
  return db.$transaction(async (tx) => {
    const callback = await tx.queueCallback.findFirst({ where: { id: input.callbackId, tenantId: input.tenantId, status: "offered", offeredAgentId: input.agentId } });
    if (!callback) return null;
    const attempt = callback.attempts + 1;
    await tx.queueCallback.update({ where: { id: callback.id }, data: { status: "dialing", attempts: attempt } });
    const row = await tx.queueCallbackAttempt.create({ data: { id: newId("qca"), tenantId: input.tenantId, callbackId: callback.id, agentId: input.agentId, attempt } });
    await setAgentState(tx, { tenantId: input.tenantId, agentId: input.agentId, to: "ON_CALL", cause: "answered", callId: callback.id, queueId: callback.queueId });
    await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: callback.queueId, itemKind: "callback", itemId: callback.id, agentId: input.agentId, outcome: "answered", reason: `the agent answered: calling ${callback.number} (attempt ${attempt})` });
    return { attemptId: row.id, attempt };
  });
}
