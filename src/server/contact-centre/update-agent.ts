import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { fieldError, notFound } from "@/server/errors";
import { AGENT_VIEW_INCLUDE, toAgentView, type AgentView } from "@/server/agents/agent-view";
import { ZUpdateAgentInput, type TUpdateAgentInput } from "@/server/agents/agents.schemas";
import { CONTACT_CENTRE_ADMIN_ROLE } from "@/server/contact-centre/contact-centre-view";
import { assertRole, type Actor } from "@/server/tenancy";

/** A supervisor sets an agent's capacity, skills (with levels) and queues; what is not given stays. Audited. */
export async function updateAgent(actor: Actor, rawInput: TUpdateAgentInput): Promise<AgentView> {
  assertRole(actor, CONTACT_CENTRE_ADMIN_ROLE);
  const input = ZUpdateAgentInput.parse(rawInput);
  const tenantId = actor.tenantId;
  return db.$transaction(async (tx) => {
    const row = await tx.agent.findFirst({ where: { id: input.agentId, tenantId }, include: AGENT_VIEW_INCLUDE });
    if (!row) throw notFound("agent");
    const before = toAgentView(row);
    if (input.callCapacity !== undefined || input.conversationCapacity !== undefined) {
      await tx.agent.update({ where: { id: row.id }, data: { callCapacity: input.callCapacity, conversationCapacity: input.conversationCapacity } });
    }
    if (input.skills) {
      const ids = [...new Set(input.skills.map((s) => s.skillId))];
      if (ids.length !== input.skills.length) throw fieldError("skills", "a skill is listed twice");
      if ((await tx.skill.count({ where: { tenantId, id: { in: ids } } })) !== ids.length) throw fieldError("skills", "unknown skill");
      await tx.agentSkill.deleteMany({ where: { agentId: row.id } });
      await tx.agentSkill.createMany({ data: input.skills.map((s) => ({ tenantId, agentId: row.id, skillId: s.skillId, level: s.level })) });
    }
    if (input.queueIds) {
      const ids = [...new Set(input.queueIds)];
      if ((await tx.callQueue.count({ where: { tenantId, id: { in: ids } } })) !== ids.length) throw fieldError("queueIds", "unknown queue");
      await tx.queueAgent.deleteMany({ where: { agentId: row.id } });
      await tx.queueAgent.createMany({ data: ids.map((queueId) => ({ tenantId, queueId, agentId: row.id })) });
    }
    const after = toAgentView(await tx.agent.findUniqueOrThrow({ where: { id: row.id }, include: AGENT_VIEW_INCLUDE }));
    const pick = (a: typeof before) => ({ callCapacity: a.callCapacity, conversationCapacity: a.conversationCapacity, skills: a.skills, queueIds: a.queueIds });
    await recordAudit(tx, actor, { action: "agent.updated", targetType: "agent", targetId: row.id, before: pick(before), after: pick(after) });
    return after;
  });
}
