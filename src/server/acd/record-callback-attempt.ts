// How the call to a callback's customer went (the agent answered the offer and the switch dialled the number):
// - answered: the two are bridged, the callback is connected (completed when the call ends: end-callback-call.ts);
// - not answered (no answer, busy, failed): the attempt is kept with the switch's cause, the agent is free again,
//   and the callback waits again at its place after the queue's callbackRetrySeconds, or fails after
//   callbackMaxAttempts calls.
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";

export type CallbackAttemptOutcome = "answered" | "no-answer" | "busy" | "failed";

export async function recordCallbackAttempt(input: {
  tenantId: string;
  callbackId: string;
  attemptId: string;
  agentId: string;
  outcome: CallbackAttemptOutcome;
  hangupCause: string | null;
  /** The call to the customer (null when none was placed). */
  callId: string | null;
  now?: Date;
}): Promise<{ status: string } | null> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const callback = await tx.queueCallback.findFirst({ where: { id: input.callbackId, tenantId: input.tenantId, status: "dialing" }, include: { queue: { select: { callbackMaxAttempts: true, callbackRetrySeconds: true } } } });
    if (!callback) return null;
    if (input.outcome === "answered") {
      await tx.queueCallbackAttempt.update({ where: { id: input.attemptId }, data: { outcome: "answered", callId: input.callId } });
      await tx.queueCallback.update({ where: { id: callback.id }, data: { status: "connected", lastOutcome: "answered" } });
      return { status: "connected" };
    }
    await tx.queueCallbackAttempt.update({ where: { id: input.attemptId }, data: { outcome: input.outcome, hangupCause: input.hangupCause, endedAt: now, callId: input.callId } });
    const failed = callback.attempts >= callback.queue.callbackMaxAttempts;
    await tx.queueCallback.update({
      where: { id: callback.id },
      data: failed
        ? { status: "failed", lastOutcome: input.outcome, offeredAgentId: null, completedAt: now }
        : { status: "pending", lastOutcome: input.outcome, offeredAgentId: null, offeredAt: null, nextAttemptAt: new Date(now.getTime() + callback.queue.callbackRetrySeconds * 1000) },
    });
    // Nobody to talk to: the agent goes straight back to available, no wrap-up and no miss of theirs.
    await setAgentState(tx, { tenantId: input.tenantId, agentId: input.agentId, to: "AVAILABLE", cause: "ended", onlyFromCallId: callback.id });
    const reason = failed
      ? `${callback.number}: ${input.outcome} on attempt ${callback.attempts} of ${callback.queue.callbackMaxAttempts}: the callback failed`
      : `${callback.number}: ${input.outcome} on attempt ${callback.attempts} of ${callback.queue.callbackMaxAttempts}: tried again in ${callback.queue.callbackRetrySeconds} s`;
    await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: callback.queueId, itemKind: "callback", itemId: callback.id, agentId: input.agentId, outcome: failed ? "callback-failed" : "callback-retry", reason });
    return { status: failed ? "failed" : "pending" };
  });
}
