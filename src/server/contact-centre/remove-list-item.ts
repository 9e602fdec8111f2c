import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError, notFound } from "@/server/errors";
import { CONTACT_CENTRE_ADMIN_ROLE } from "@/server/contact-centre/contact-centre-view";
import { ZRemoveListItemInput, type TRemoveListItemInput } from "@/server/contact-centre/contact-centre.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * Takes an item off a list. Away reasons and dispositions that history refers to are archived (kept for reports,
 * no longer offered); unused ones are deleted. A skill has no history: it is deleted, but only when no agent or
 * queue has it, so routing never changes behind a supervisor's back (409 naming who uses it).
 */
export async function removeListItem(actor: Actor, rawInput: TRemoveListItemInput): Promise<{ id: string; outcome: "deleted" | "archived" }> {
  assertRole(actor, CONTACT_CENTRE_ADMIN_ROLE);
  const { kind, id } = ZRemoveListItemInput.parse(rawInput);
  const tenantId = actor.tenantId;
  return db.$transaction(async (tx) => {
    let outcome: "deleted" | "archived";
    let before: unknown;
    if (kind === "skill") {
      const skill = await tx.skill.findFirst({ where: { tenantId, id }, include: { _count: { select: { agents: true, queues: true } } } });
      if (!skill) throw notFound("skill");
      if (skill._count.agents + skill._count.queues > 0) {
        throw new AppError("CONFLICT", `skill: "${skill.name}" is used by ${skill._count.agents} agent(s) and ${skill._count.queues} queue(s); remove it from them first`);
      }
      await tx.skill.delete({ where: { id } });
      before = { name: skill.name };
      outcome = "deleted";
    } else if (kind === "awayReason") {
      const reason = await tx.awayReason.findFirst({ where: { tenantId, id } });
      if (!reason) throw notFound("away reason");
      const referenced = (await tx.agent.count({ where: { tenantId, awayReasonId: id } })) + (await tx.agentStateChange.count({ where: { tenantId, awayReasonId: id } }));
      if (referenced > 0) await tx.awayReason.update({ where: { id }, data: { archived: true } });
      else await tx.awayReason.delete({ where: { id } });
      before = { name: reason.name, archived: reason.archived };
      outcome = referenced > 0 ? "archived" : "deleted";
    } else {
      const code = await tx.disposition.findFirst({ where: { tenantId, id } });
      if (!code) throw notFound("disposition");
      const referenced = await tx.callWrapUp.count({ where: { tenantId, dispositionId: id } });
      if (referenced > 0) await tx.disposition.update({ where: { id }, data: { archived: true } });
      else await tx.disposition.delete({ where: { id } });
      before = { code: code.code, name: code.name, archived: code.archived };
      outcome = referenced > 0 ? "archived" : "deleted";
    }
    await recordAudit(tx, actor, { action: `${kind}.${outcome}`, targetType: kind, targetId: id, before });
    return { id, outcome };
  });
}
