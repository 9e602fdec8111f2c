// A queue's numbers for the queue page and the wallboard: live (who waits, how long, the queue's agents by state) and
// for a window of history (default: since midnight UTC; the portal passes the viewer's own midnight).
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { AGENT_STATE_NAMES, type AgentStateName } from "@/server/agents/agents.schemas";
import { SUPERVISOR_ROLE } from "@/server/agents/agent-view";
import { summarizeQueueWindow, type QueueWindowFigures, type StateChangeFacts } from "@/server/acd/summarize-queue-window";
import { ZFindQueueMetricsInput, type TFindQueueMetricsInput } from "@/server/acd/acd.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

export interface QueueMetrics {
  queueId: string;
  friendlyName: string;
  serviceLevelSeconds: number;
  live: {
    waiting: number;
    longestWaitSeconds: number;
    agents: Record<AgentStateName, number>;
  };
  window: QueueWindowFigures & { from: Date; to: Date };
}

const MAX_QUEUES = 200;

/** Metrics of one queue (queueId) or of all the tenant's queues, by name. */
export async function findQueueMetrics(actor: Actor, rawInput: TFindQueueMetricsInput = {}, now = new Date()): Promise<QueueMetrics[]> {
  assertRole(actor, SUPERVISOR_ROLE);
  const input = ZFindQueueMetricsInput.parse(rawInput);
  const tenantId = actor.tenantId;
  const to = input.to && input.to < now ? input.to : now;
  const from = input.from ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

  const queues = await db.callQueue.findMany({
    where: { tenantId, ...(input.queueId ? { id: input.queueId } : {}) },
    select: { id: true, friendlyName: true, serviceLevelSeconds: true, agents: { select: { agentId: true } } },
    orderBy: { friendlyName: "asc" },
    take: MAX_QUEUES,
  });
  if (input.queueId && queues.length === 0) throw notFound("queue");
  const queueIds = queues.map((q) => q.id);
  const agentIds = [...new Set(queues.flatMap((q) => q.agents.map((a) => a.agentId)))];

  const [waiting, outcomes, agents, changes, before] = await Promise.all([
    db.queueMember.groupBy({ by: ["queueId"], where: { tenantId, queueId: { in: queueIds } }, _count: true, _min: { enqueuedAt: true } }),
    db.queueOutcome.findMany({ where: { tenantId, queueId: { in: queueIds }, endedAt: { gte: from, lt: to } }, select: { queueId: true, result: true, waitSeconds: true, handleSeconds: true, endedAt: true } }),
    db.agent.findMany({ where: { tenantId, id: { in: agentIds } }, select: { id: true, state: true } }),
    db.agentStateChange.findMany({ where: { tenantId, agentId: { in: agentIds }, at: { gte: from, lt: to } }, select: { agentId: true, fromState: true, toState: true, at: true } }),
    // each agent's state at `from`: their last change before it (DISTINCT ON walks the (tenantId, agentId, at) index;
    // Prisma's `distinct` would read every earlier change into memory)
    db.$queryRaw<StateChangeFacts[]>`
      SELECT DISTINCT ON ("agentId") "agentId", "fromState", "toState", at FROM "AgentStateChange"
      WHERE "tenantId" = ${tenantId} AND "agentId" = ANY(${agentIds}::text[]) AND at < ${from}
      ORDER BY "agentId", at DESC`,
  ]);

  const agentState = new Map(agents.map((a) => [a.id, a.state]));
  return queues.map((q) => {
    const members = waiting.find((w) => w.queueId === q.id);
    const mine = new Set(q.agents.map((a) => a.agentId));
    const byState = Object.fromEntries(Object.values(AGENT_STATE_NAMES).map((s) => [s, 0])) as Record<AgentStateName, number>;
    for (const id of mine) {
      const state = agentState.get(id);
      if (state) byState[AGENT_STATE_NAMES[state]]++;
    }
    const figures = summarizeQueueWindow({
      from,
      to,
      serviceLevelSeconds: q.serviceLevelSeconds,
      outcomes: outcomes.filter((o) => o.queueId === q.id),
      stateChanges: [...before, ...changes].filter((c) => mine.has(c.agentId)),
      steadyStates: [...mine].flatMap((id) => (agentState.has(id) ? [{ agentId: id, state: agentState.get(id)! }] : [])),
    });
    const oldest = members?._min.enqueuedAt;
    return {
      queueId: q.id,
      friendlyName: q.friendlyName,
      serviceLevelSeconds: q.serviceLevelSeconds,
      live: { waiting: members?._count ?? 0, longestWaitSeconds: oldest ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000)) : 0, agents: byState },
      window: { ...figures, from, to },
    };
  });
}
