// A connected callback's call ended: the callback is completed, its attempt closed, and the agent goes to wrap-up
// for the queue's wrapUpSeconds (or straight back to available), as after any call of the queue; its wrap-up is of
// the call to the customer.
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";

export async function endCallbackCall(input: { tenantId: string; callbackId: string; attemptId: string; agentId: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    const callback = await tx.queueCallback.findFirst({ where: { id: input.callbackId, tenantId: input.tenantId, status: "connected" }, include: { queue: { select: { wrapUpSeconds: true } } } });
    if (!callback) return;
    const attempt = await tx.queueCallbackAttempt.update({ where: { id: input.attemptId }, data: { endedAt: now } });
    await tx.queueCallback.update({ where: { id: callback.id }, data: { status: "completed", completedAt: now } });
    const wrapUpSeconds = callback.queue.wrapUpSeconds;
    // The wrap-up is of the call to the customer (its disposition and notes go with that call).
    await setAgentState(tx, { tenantId: input.tenantId, agentId: input.agentId, to: wrapUpSeconds > 0 ? "WRAP_UP" : "AVAILABLE", cause: "ended", wrapUpSeconds, onlyFromCallId: callback.id, callId: attempt.callId });
    const talked = Math.max(0, Math.round((now.getTime() - attempt.startedAt.getTime()) / 1000));
    await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: callback.queueId, itemKind: "callback", itemId: callback.id, agentId: input.agentId, outcome: "callback-completed", reason: `called back ${callback.number}: the call ended after ${talked} s` });
  });
}
