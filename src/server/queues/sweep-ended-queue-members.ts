// Queue members whose call has ended but who never left their queue (the worker driving the call died before its
// hang-up took the call out): they would hold a place in line and count in CurrentQueueSize for ever. Taken out by
// reconcile, a grace period after the call's end so the worker that saw the hang-up leaves it itself first (its
// action hears QueueResult=hangup with QueueTime); each wait counts towards the queue's average up to the call's end.
import { db } from "@/server/db";

export async function sweepEndedQueueMembers(input: { graceSeconds?: number } = {}): Promise<number> {
  const grace = input.graceSeconds ?? 30;
  return db.$transaction(async (tx) => {
    const removed = await tx.$queryRaw<{ queueId: string; waited: number }[]>`
      DELETE FROM "QueueMember" m USING "Call" c
       WHERE m."callId" = c.id
         AND c.status IN ('COMPLETED', 'BUSY', 'FAILED', 'NO_ANSWER', 'CANCELED')
         AND c."endedAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => ${grace}::float8)
      RETURNING m."queueId", GREATEST(0, ROUND(EXTRACT(EPOCH FROM (c."endedAt" - m."enqueuedAt"))))::int AS waited`;
    const byQueue = new Map<string, { seconds: number; members: number }>();
    for (const r of removed) {
      const q = byQueue.get(r.queueId) ?? { seconds: 0, members: 0 };
      q.seconds += r.waited;
      q.members += 1;
      byQueue.set(r.queueId, q);
    }
    for (const [id, q] of byQueue) await tx.callQueue.update({ where: { id }, data: { waitSecondsTotal: { increment: q.seconds }, membersLeft: { increment: q.members } } });
    return removed.length;
  });
}
