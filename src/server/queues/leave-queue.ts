// A call leaves its queue (Leave, hang-up, a live redirect, an error in its wait document): its member row goes,
// and its wait counts towards the queue's average. Returns the queue and the seconds waited (Twilio's QueueSid and
// QueueTime), or null when the call was in no queue.
import { db } from "@/server/db";

export async function leaveQueue(input: { callId: string }): Promise<{ queueSid: string; waitedSeconds: number } | null> {
  return db.$transaction(async (tx) => {
    const member = await tx.queueMember.findUnique({ where: { callId: input.callId } });
    if (!member) return null;
    const removed = await tx.queueMember.deleteMany({ where: { id: member.id } });
    if (removed.count === 0) return null;
    const waitedSeconds = Math.max(0, Math.round((Date.now() - member.enqueuedAt.getTime()) / 1000));
    await tx.callQueue.update({ where: { id: member.queueId }, data: { waitSecondsTotal: { increment: waitedSeconds }, membersLeft: { increment: 1 } } });
    return { queueSid: member.queueId, waitedSeconds };
  });
}
