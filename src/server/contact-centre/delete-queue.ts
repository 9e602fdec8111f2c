import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { recordAudit } from "@/server/audit/record-audit";
import { QUEUE_ROLE } from "@/server/contact-centre/contact-centre-view";
import { ZQueueIdInput } from "@/server/contact-centre/contact-centre.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** Deletes a queue nobody waits in (Twilio's DELETE /Queues/{Sid}); one with callers is refused with a 409. Audited. */
export async function deleteQueue(actor: Actor, rawInput: { queueId: string }): Promise<void> {
  assertRole(actor, QUEUE_ROLE);
  const { queueId } = ZQueueIdInput.parse(rawInput);
  await db.$transaction(async (tx) => {
    const [queue] = await tx.$queryRaw<{ id: string; friendlyName: string }[]>`SELECT id, "friendlyName" FROM "CallQueue" WHERE id = ${queueId} AND "tenantId" = ${actor.tenantId} FOR UPDATE`;
    if (!queue) throw notFound("queue");
    const waiting = await tx.queueMember.count({ where: { queueId } });
    if (waiting > 0) throw new AppError("CONFLICT", `queue ${queue.friendlyName} has ${waiting} caller${waiting === 1 ? "" : "s"} waiting: it cannot be deleted`);
    await tx.callQueue.delete({ where: { id: queueId } });
    await recordAudit(tx, actor, { action: "queue.deleted", targetType: "queue", targetId: queueId, before: { friendlyName: queue.friendlyName } });
  });
}
