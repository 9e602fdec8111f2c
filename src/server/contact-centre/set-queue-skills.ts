import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { fieldError, notFound } from "@/server/errors";
import { CONTACT_CENTRE_ADMIN_ROLE } from "@/server/contact-centre/contact-centre-view";
import { ZSetQueueSkillsInput, type TSetQueueSkillsInput } from "@/server/contact-centre/contact-centre.schemas";
import { QUEUE_VIEW_INCLUDE, toQueueView, type QueueView } from "@/server/contact-centre/queue-view";
import { assertRole, type Actor } from "@/server/tenancy";

/** Replaces the skills a queue requires (each with a minimum level); only agents with all of them are offered its items. */
export async function setQueueSkills(actor: Actor, rawInput: TSetQueueSkillsInput): Promise<QueueView> {
  assertRole(actor, CONTACT_CENTRE_ADMIN_ROLE);
  const input = ZSetQueueSkillsInput.parse(rawInput);
  const tenantId = actor.tenantId;
  return db.$transaction(async (tx) => {
    const row = await tx.callQueue.findFirst({ where: { id: input.queueId, tenantId }, include: QUEUE_VIEW_INCLUDE });
    if (!row) throw notFound("queue");
    const ids = [...new Set(input.skills.map((s) => s.skillId))];
    if (ids.length !== input.skills.length) throw fieldError("skills", "a skill is listed twice");
    const known = await tx.skill.count({ where: { tenantId, id: { in: ids } } });
    if (known !== ids.length) throw fieldError("skills", "unknown skill");
    await tx.queueSkill.deleteMany({ where: { queueId: row.id } });
    await tx.queueSkill.createMany({ data: input.skills.map((s) => ({ tenantId, queueId: row.id, skillId: s.skillId, minLevel: s.minLevel })) });
    const after = toQueueView(await tx.callQueue.findUniqueOrThrow({ where: { id: row.id }, include: QUEUE_VIEW_INCLUDE }));
    await recordAudit(tx, actor, { action: "queue.skills.set", targetType: "queue", targetId: row.id, before: toQueueView(row).skills, after: after.skills });
    return after;
  });
}
