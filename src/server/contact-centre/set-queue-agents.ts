import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { fieldError, notFound } from "@/server/errors";
import { CONTACT_CENTRE_ADMIN_ROLE } from "@/server/contact-centre/contact-centre-view";
import { ZSetQueueAgentsInput, type TSetQueueAgentsInput } from "@/server/contact-centre/contact-centre.schemas";
import { QUEUE_VIEW_INCLUDE, toQueueView, type QueueView } from "@/server/contact-centre/queue-view";
import { assertRole, type Actor } from "@/server/tenancy";

/** Replaces the agents serving a queue. */
export async function setQueueAgents(actor: Actor, rawInput: TSetQueueAgentsInput): Promise<QueueView> {
  assertRole(actor, CONTACT_CENTRE_ADMIN_ROLE);
  const input = ZSetQueueAgentsInput.parse(rawInput);
  const tenantId = actor.tenantId;
  return db.$transaction(async (tx) => {
    const row = await tx.callQueue.findFirst({ where: { id: input.queueId, tenantId }, include: QUEUE_VIEW_INCLUDE });
    if (!row) throw notFound("queue");
    const ids = [...new Set(input.agentIds)];
    if ((await tx.agent.count({ where: { tenantId, id: { in: ids } } })) !== ids.length) throw fieldError("agentIds", "unknown agent");
    await tx.queueAgent.deleteMany({ where: { queueId: row.id } });
    await tx.queueAgent.createMany({ data: ids.map((agentId) => ({ tenantId, queueId: row.id, agentId })) });
    const after = toQueueView(await tx.callQueue.findUniqueOrThrow({ where: { id: row.id }, include: QUEUE_VIEW_INCLUDE }));
    await recordAudit(tx, actor, { action: "queue.agents.set", targetType: "queue", targetId: row.id, before: row.agents.map((a) => a.agentId), after: after.agentIds });
    return after;
  });
}
