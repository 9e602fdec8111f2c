// What a waiting caller's waitUrl hears of its queue (Twilio's names in the worker): the queue, the caller's place in
// line (1 is next), how long they have waited, the queue's average wait, how many wait and how many may.
import type { QueueMember } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";

export interface QueueWaitFacts {
  queueSid: string;
  /** 1-based place in line. */
  position: number;
  waitedSeconds: number;
  averageWaitSeconds: number;
  currentSize: number;
  maxSize: number;
}

export async function queueWaitFacts(tx: Tx, member: QueueMember, now: Date): Promise<QueueWaitFacts> {
  const queue = await tx.callQueue.findUniqueOrThrow({ where: { id: member.queueId } });
  // One statement, so the place in line and the size come from the same moment (two counts could straddle a leave).
  const members = await tx.queueMember.findMany({ where: { queueId: member.queueId }, select: { position: true } });
  const ahead = members.filter((m) => m.position < member.position).length;
  const size = Math.max(members.length, ahead + 1);
  return {
    queueSid: queue.id,
    position: ahead + 1,
    waitedSeconds: Math.max(0, Math.round((now.getTime() - member.enqueuedAt.getTime()) / 1000)),
    averageWaitSeconds: queue.membersLeft > 0 ? Math.round(queue.waitSecondsTotal / queue.membersLeft) : 0,
    currentSize: size,
    maxSize: queue.maxSize,
  };
}

/** The facts for a call waiting now, or null when it is in no queue (it left, or a restart lost the row). */
export async function findQueueWaitFacts(input: { callId: string }): Promise<QueueWaitFacts | null> {
  const member = await db.queueMember.findUnique({ where: { callId: input.callId } });
  return member ? queueWaitFacts(db, member, new Date()) : null;
}
