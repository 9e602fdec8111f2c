// Agent states the calls left behind, settled (the worker's ACD loop runs this every few seconds):
// - wrap-up whose time ran out: the agent is available again (a wrap-up row without disposition is kept);
// - ringing with an offer that is gone (the caller left, the worker died mid-offer) for longer than a ring could last;
// - on a call that ended: a queue's call when the worker that would have said so died (after a grace), the agent's
//   own call (placed from their phone: create-agent-call.ts) at once; wrap-up as the queue says, or available;
// - a callback whose worker died while the agent's phone rang or the customer's did: it waits again at its place (an
//   unfinished call to the customer counts as a failed attempt), and its agent is free.
// Each move goes through set-agent-state.ts with its own cause, so the history says why.
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { newId } from "@/server/shared/ids";

/** A ring lasts at most a queue's ringTimeoutSeconds (up to 120) plus the switch's setup; past this it is stale. */
const STALE_RING_SECONDS = 150;
/** A queue's call that ended this long ago whose agent is still on it lost the worker that would have moved the agent. */
const ENDED_CALL_GRACE_SECONDS = 15;

export async function settleAgents(input: { now?: Date; tenantIds?: string[] }): Promise<{ released: number }> {
  const now = input.now ?? new Date();
  const tenantFilter = input.tenantIds ? { tenantId: { in: input.tenantIds } } : {};
  let released = 0;
  const wrapUps = await db.agent.findMany({ where: { ...tenantFilter, state: "WRAP_UP", wrapUpUntil: { lte: now } }, select: { id: true, tenantId: true, currentCallId: true, currentQueueId: true, stateSince: true }, take: 500 });
  for (const agent of wrapUps) {
    await db.$transaction(async (tx) => {
      const moved = await setAgentState(tx, { tenantId: agent.tenantId, agentId: agent.id, to: "AVAILABLE", cause: "wrap-up-done", onlyFromCallId: agent.currentCallId ?? undefined });
      if (!moved.changed) return;
      released++;
      await tx.callWrapUp.create({ data: { id: newId("wu"), tenantId: agent.tenantId, agentId: agent.id, callId: agent.currentCallId, queueId: agent.currentQueueId, startedAt: agent.stateSince, endedAt: now } });
    });
  }
  const stale = await db.$queryRaw<{ id: string; tenantId: string; state: "RINGING" | "ON_CALL"; currentCallId: string; wrapUpSeconds: number | null }[]>`
    SELECT a.id, a."tenantId", a.state, a."currentCallId", q."wrapUpSeconds"
    FROM "Agent" a
      LEFT JOIN "Call" c ON c.id = a."currentCallId"
      LEFT JOIN "CallQueue" q ON q.id = a."currentQueueId"
    WHERE a.state IN ('RINGING', 'ON_CALL') AND a."currentCallId" IS NOT NULL
      AND (${input.tenantIds ?? null}::text[] IS NULL OR a."tenantId" = ANY(${input.tenantIds ?? null}::text[]))
      AND (
        (c."endedAt" IS NOT NULL AND (a."currentQueueId" IS NULL OR c."endedAt" < ${new Date(now.getTime() - ENDED_CALL_GRACE_SECONDS * 1000)}))
        OR (a.state = 'RINGING' AND a."stateSince" < ${new Date(now.getTime() - STALE_RING_SECONDS * 1000)}
            AND NOT EXISTS (SELECT 1 FROM "QueueMember" m WHERE m."callId" = a."currentCallId" AND m."offeredAgentId" IS NOT NULL AND m."offeredAt" > ${new Date(now.getTime() - STALE_RING_SECONDS * 1000)})))
    LIMIT 500`;
  for (const agent of stale) {
    await db.$transaction(async (tx) => {
      const wrapUp = agent.state === "ON_CALL" && (agent.wrapUpSeconds ?? 0) > 0;
      const moved = await setAgentState(tx, { tenantId: agent.tenantId, agentId: agent.id, to: wrapUp ? "WRAP_UP" : "AVAILABLE", cause: "reconciled", wrapUpSeconds: agent.wrapUpSeconds, onlyFromCallId: agent.currentCallId });
      if (!moved.changed) return;
      released++;
      if (agent.state === "RINGING") await tx.queueMember.updateMany({ where: { callId: agent.currentCallId, offeredAgentId: agent.id }, data: { offeredAgentId: null, offeredAt: null } });
    });
  }
  released += await settleCallbacks(now, input.tenantIds);
  return { released };
}

/** Past the longest a callback's agent ring or customer ring can last (the customer's is 30 s), it was lost. */
const STALE_CALLBACK_SECONDS = 150;

async function settleCallbacks(now: Date, tenantIds: string[] | undefined): Promise<number> {
  const before = new Date(now.getTime() - STALE_CALLBACK_SECONDS * 1000);
  const stale = await db.queueCallback.findMany({
    where: { ...(tenantIds ? { tenantId: { in: tenantIds } } : {}), OR: [{ status: "offered", offeredAt: { lt: before } }, { status: "dialing", updatedAt: { lt: before } }] },
    select: { id: true, tenantId: true, status: true, offeredAgentId: true },
    take: 200,
  });
  let released = 0;
  for (const callback of stale) {
    await db.$transaction(async (tx) => {
      const taken = await tx.queueCallback.updateMany({ where: { id: callback.id, status: callback.status }, data: { status: "pending", offeredAgentId: null, offeredAt: null, lastOutcome: callback.status === "dialing" ? "failed" : "agent-missed" } });
      if (taken.count === 0) return;
      if (callback.status === "dialing") await tx.queueCallbackAttempt.updateMany({ where: { callbackId: callback.id, endedAt: null }, data: { endedAt: now, outcome: "failed", hangupCause: "LOST" } });
      if (!callback.offeredAgentId) return;
      const moved = await setAgentState(tx, { tenantId: callback.tenantId, agentId: callback.offeredAgentId, to: "AVAILABLE", cause: "reconciled", onlyFromCallId: callback.id });
      if (moved.changed) released++;
    });
  }
  return released;
}
