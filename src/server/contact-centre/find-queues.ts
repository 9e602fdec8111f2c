import { db } from "@/server/db";
import { QUEUE_ROLE } from "@/server/contact-centre/contact-centre-view";
import { QUEUE_VIEW_INCLUDE, toQueueView, type QueueView } from "@/server/contact-centre/queue-view";
import { assertRole, type Actor } from "@/server/tenancy";

/** The tenant's queues with their ACD settings, by name (tens of queues, not thousands). */
export async function findQueues(actor: Actor): Promise<QueueView[]> {
  assertRole(actor, QUEUE_ROLE);
  const rows = await db.callQueue.findMany({ where: { tenantId: actor.tenantId }, include: QUEUE_VIEW_INCLUDE, orderBy: { friendlyName: "asc" } });
  return rows.map(toQueueView);
}
