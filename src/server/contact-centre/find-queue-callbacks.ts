// The callbacks of the tenant's queues (or one queue) for the queue pages: the open ones first in their place in line,
// then the finished ones newest first, each with its attempts (which agent, when, how it went).
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { QUEUE_ROLE } from "@/server/contact-centre/contact-centre-view";
import { OPEN_CALLBACK_STATUSES, ZFindQueueCallbacksInput, type TFindQueueCallbacksInput } from "@/server/contact-centre/contact-centre.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

export interface QueueCallbackView {
  id: string;
  queueId: string;
  queueName: string;
  /** The customer's number, called back. */
  number: string;
  /** What the customer sees: the number they called. */
  callerId: string;
  status: string;
  /** The customer's place: when they first joined the queue. */
  enqueuedAt: Date;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: Date | null;
  lastOutcome: string | null;
  agentName: string | null;
  completedAt: Date | null;
  /** Each call to the customer: callId is the call's sid (a child call of the one they waited on). */
  attemptsMade: { attempt: number; agentName: string | null; startedAt: Date; endedAt: Date | null; outcome: string | null; hangupCause: string | null; callId: string | null }[];
}

export async function findQueueCallbacks(actor: Actor, rawInput: TFindQueueCallbacksInput = {}): Promise<QueueCallbackView[]> {
  assertRole(actor, QUEUE_ROLE);
  const input = ZFindQueueCallbacksInput.parse(rawInput);
  const tenantId = actor.tenantId;
  if (input.queueId && !(await db.callQueue.findFirst({ where: { id: input.queueId, tenantId }, select: { id: true } }))) throw notFound("queue");
  const rows = await db.queueCallback.findMany({
    where: { tenantId, ...(input.queueId ? { queueId: input.queueId } : {}), ...(input.status === "open" ? { status: { in: [...OPEN_CALLBACK_STATUSES] } } : {}) },
    include: { queue: { select: { friendlyName: true, callbackMaxAttempts: true } }, attemptsMade: { orderBy: { attempt: "asc" } } },
    orderBy: [{ completedAt: { sort: "desc", nulls: "first" } }, { enqueuedAt: "asc" }],
    take: input.limit,
  });
  const agentIds = [...new Set(rows.flatMap((r) => [r.offeredAgentId, ...r.attemptsMade.map((a) => a.agentId)]).filter((id): id is string => !!id))];
  const agents = agentIds.length ? await db.agent.findMany({ where: { tenantId, id: { in: agentIds } }, select: { id: true, user: { select: { name: true } } } }) : [];
  const nameOf = new Map(agents.map((a) => [a.id, a.user.name]));
  return rows.map((r) => ({
    id: r.id,
    queueId: r.queueId,
    queueName: r.queue.friendlyName,
    number: r.number,
    callerId: r.callerId,
    status: r.status,
    enqueuedAt: r.enqueuedAt,
    attempts: r.attempts,
    maxAttempts: r.queue.callbackMaxAttempts,
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt : null,
    lastOutcome: r.lastOutcome,
    agentName: r.offeredAgentId ? (nameOf.get(r.offeredAgentId) ?? null) : null,
    completedAt: r.completedAt,
    attemptsMade: r.attemptsMade.map((a) => ({ attempt: a.attempt, agentName: nameOf.get(a.agentId) ?? null, startedAt: a.startedAt, endedAt: a.endedAt, outcome: a.outcome, hangupCause: a.hangupCause, callId: a.callId })),
  }));
}
