// The worker calls this when a call runs <Enqueue>: the tenant's queue of that name (created on first use, maxSize
// 100 unless the verb's maxQueueSize says otherwise at creation, as Twilio's MaxSize) and the call's member row at
// the back of the line. A queue already holding maxSize callers refuses the call (QueueResult queue-full).
import { db } from "@/server/db";
import { newId, newSid } from "@/server/shared/ids";
import { queueWaitFacts, type QueueWaitFacts } from "./queue-wait-facts";

export const DEFAULT_QUEUE_MAX_SIZE = 100;

export interface EnqueueCallInput {
  tenantId: string;
  callId: string;
  friendlyName: string;
  /** The queue's MaxSize when this call creates it. */
  maxSize: number | null;
  /** Only this agent takes the caller (a transfer to an agent). */
  targetAgentId?: string | null;
}

export type EnqueueCallResult = ({ ok: true } & QueueWaitFacts) | { ok: false; reason: "full"; queueSid: string; currentSize: number; maxSize: number };

export async function enqueueCall(input: EnqueueCallInput): Promise<EnqueueCallResult> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`queue:${input.tenantId}:${input.friendlyName}`}, 0))`;
    const queue =
      (await tx.callQueue.findUnique({ where: { tenantId_friendlyName: { tenantId: input.tenantId, friendlyName: input.friendlyName } } })) ??
      (await tx.callQueue.create({ data: { id: newSid("QU"), tenantId: input.tenantId, friendlyName: input.friendlyName, maxSize: input.maxSize ?? DEFAULT_QUEUE_MAX_SIZE } }));
    // A call is in one queue at a time: an earlier membership (a second <Enqueue>) ends first.
    await tx.queueMember.deleteMany({ where: { callId: input.callId } });
    const size = await tx.queueMember.count({ where: { queueId: queue.id } });
    if (size >= queue.maxSize) return { ok: false as const, reason: "full" as const, queueSid: queue.id, currentSize: size, maxSize: queue.maxSize };
    const position = queue.lastPosition + 1;
    await tx.callQueue.update({ where: { id: queue.id }, data: { lastPosition: position } });
    const member = await tx.queueMember.create({ data: { id: newId("qm"), tenantId: input.tenantId, queueId: queue.id, callId: input.callId, position, targetAgentId: input.targetAgentId ?? null } });
    return { ok: true as const, ...(await queueWaitFacts(tx, member, new Date())) };
  });
}
