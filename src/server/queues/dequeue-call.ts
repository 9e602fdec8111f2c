// <Dial><Queue>name</Queue></Dial>: the caller at the front of the tenant's queue of that name is taken out of it for
// the dialling call, in one statement (two dialling calls never take the same caller: SKIP LOCKED; a caller the ACD is
// offering to an agent is not taken). Its wait counts towards the queue's average like any leaving. The worker then bridges the two (worker/call-control/dequeue.ts).
import { db } from "@/server/db";

export interface DequeuedCaller {
  callId: string;
  channelUuid: string | null;
  queueSid: string;
  waitedSeconds: number;
}

/** `no-queue`: the account has no queue of that name (Twilio: the dial fails); `empty`: nobody waits now. */
export type DequeueResult = { ok: true; caller: DequeuedCaller } | { ok: false; reason: "no-queue" | "empty" };

export async function dequeueCall(input: { tenantId: string; friendlyName: string }): Promise<DequeueResult> {
  return db.$transaction(async (tx) => {
    const queue = await tx.callQueue.findUnique({ where: { tenantId_friendlyName: { tenantId: input.tenantId, friendlyName: input.friendlyName } }, select: { id: true } });
    if (!queue) return { ok: false as const, reason: "no-queue" as const };
    const [taken] = await tx.$queryRaw<{ callId: string; enqueuedAt: Date; channelUuid: string | null }[]>`
      WITH head AS (
        SELECT m.id FROM "QueueMember" m JOIN "Call" c ON c.id = m."callId"
        WHERE m."queueId" = ${queue.id} AND m."tenantId" = ${input.tenantId} AND c."endedAt" IS NULL AND m."offeredAgentId" IS NULL
        ORDER BY m.position LIMIT 1 FOR UPDATE OF m SKIP LOCKED)
      DELETE FROM "QueueMember" m USING head, "Call" c
      WHERE m.id = head.id AND c.id = m."callId"
      RETURNING m."callId", m."enqueuedAt", c."channelUuid"`;
    if (!taken) return { ok: false as const, reason: "empty" as const };
    const waitedSeconds = Math.max(0, Math.round((Date.now() - taken.enqueuedAt.getTime()) / 1000));
    await tx.callQueue.update({ where: { id: queue.id }, data: { waitSecondsTotal: { increment: waitedSeconds }, membersLeft: { increment: 1 } } });
    return { ok: true as const, caller: { callId: taken.callId, channelUuid: taken.channelUuid, queueSid: queue.id, waitedSeconds } };
  });
}
