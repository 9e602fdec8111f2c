import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { QUEUE_ROLE } from "@/server/contact-centre/contact-centre-view";
import { ZQueueIdInput } from "@/server/contact-centre/contact-centre.schemas";
import { QUEUE_VIEW_INCLUDE, toQueueView, type QueueView } from "@/server/contact-centre/queue-view";
import { assertRole, type Actor } from "@/server/tenancy";

export async function getQueue(actor: Actor, rawInput: { queueId: string }): Promise<QueueView> {
  assertRole(actor, QUEUE_ROLE);
  const { queueId } = ZQueueIdInput.parse(rawInput);
  const row = await db.callQueue.findFirst({ where: { id: queueId, tenantId: actor.tenantId }, include: QUEUE_VIEW_INCLUDE });
  if (!row) throw notFound("queue");
  return toQueueView(row);
}
