import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { notFound } from "@/server/errors";
import { assertOverflowTarget } from "@/server/contact-centre/assert-overflow-target";
import { duplicateError, QUEUE_ROLE } from "@/server/contact-centre/contact-centre-view";
import { ZUpdateQueueInput, type TUpdateQueueInput } from "@/server/contact-centre/contact-centre.schemas";
import { QUEUE_VIEW_INCLUDE, toQueueView, type QueueView } from "@/server/contact-centre/queue-view";
import { assertRole, type Actor } from "@/server/tenancy";

/** Changes a queue's name and ACD settings (only the fields given); audited with before and after. */
export async function updateQueue(actor: Actor, rawInput: TUpdateQueueInput): Promise<QueueView> {
  assertRole(actor, QUEUE_ROLE);
  const { queueId, ...changes } = ZUpdateQueueInput.parse(rawInput);
  const tenantId = actor.tenantId;
  return db.$transaction(async (tx) => {
    const row = await tx.callQueue.findFirst({ where: { id: queueId, tenantId }, include: QUEUE_VIEW_INCLUDE });
    if (!row) throw notFound("queue");
    const before = toQueueView(row);
    const friendlyName = changes.friendlyName ?? row.friendlyName;
    if (friendlyName !== row.friendlyName && (await tx.callQueue.findFirst({ where: { tenantId, friendlyName }, select: { id: true } }))) {
      throw duplicateError("friendlyName", friendlyName);
    }
    const action = changes.overflowAction !== undefined ? changes.overflowAction : row.overflowAction;
    const overflowTarget = await assertOverflowTarget(tx, tenantId, { id: row.id, friendlyName }, action, changes.overflowTarget !== undefined ? changes.overflowTarget : row.overflowTarget);
    const updated = toQueueView(await tx.callQueue.update({ where: { id: row.id }, data: { ...changes, overflowAction: action, overflowTarget }, include: QUEUE_VIEW_INCLUDE }));
    await recordAudit(tx, actor, { action: "queue.updated", targetType: "queue", targetId: row.id, before, after: updated });
    return updated;
  });
}
