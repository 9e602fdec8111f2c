import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertOverflowTarget } from "@/server/contact-centre/assert-overflow-target";
import { duplicateError, QUEUE_ROLE } from "@/server/contact-centre/contact-centre-view";
import { ZCreateQueueInput, type TCreateQueueInput } from "@/server/contact-centre/contact-centre.schemas";
import { QUEUE_VIEW_INCLUDE, toQueueView, type QueueView } from "@/server/contact-centre/queue-view";
import { newSid } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

/** A new queue (a voice document's <Enqueue> of the same name uses it); unset settings take the schema's defaults. */
export async function createQueue(actor: Actor, rawInput: TCreateQueueInput): Promise<QueueView> {
  assertRole(actor, QUEUE_ROLE);
  const input = ZCreateQueueInput.parse(rawInput);
  const tenantId = actor.tenantId;
  return db.$transaction(async (tx) => {
    if (await tx.callQueue.findFirst({ where: { tenantId, friendlyName: input.friendlyName }, select: { id: true } })) throw duplicateError("friendlyName", input.friendlyName);
    const overflowTarget = await assertOverflowTarget(tx, tenantId, { id: null, friendlyName: input.friendlyName }, input.overflowAction ?? null, input.overflowTarget ?? null);
    const row = await tx.callQueue.create({ data: { ...input, overflowTarget, id: newSid("QU"), tenantId }, include: QUEUE_VIEW_INCLUDE });
    const created = toQueueView(row);
    await recordAudit(tx, actor, { action: "queue.created", targetType: "queue", targetId: created.id, after: created });
    return created;
  });
}
