import { recordAudit } from "@/server/audit/record-audit";
import { ZUpdateAutomationRuleInput, type TUpdateAutomationRuleInput } from "@/server/automation/automation.schemas";
import { AUTOMATION_WRITE_ROLE, automationAuditShape, loadTenantAutomationRule, toAutomationRuleView, type AutomationRuleView } from "@/server/automation/automation-rule-view";
import { checkRuleReferences } from "@/server/automation/check-rule-references";
import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";

/** Changes a rule; a new position moves it there and the rules between shift by one. */
export async function updateAutomationRule(actor: Actor, input: TUpdateAutomationRuleInput): Promise<AutomationRuleView> {
  assertRole(actor, AUTOMATION_WRITE_ROLE);
  const { ruleId, position, ...changes } = ZUpdateAutomationRuleInput.parse(input);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Tenant" WHERE id = ${actor.tenantId} FOR UPDATE`;
    const before = toAutomationRuleView(await loadTenantAutomationRule(tx, actor.tenantId, ruleId));
    if (changes.actions) await checkRuleReferences(tx, actor.tenantId, changes.actions);
    if (position !== undefined && position !== before.position) {
      const ids = (await tx.automationRule.findMany({ where: { tenantId: actor.tenantId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } })).map((r) => r.id);
      const order = ids.filter((id) => id !== ruleId);
      order.splice(Math.min(position, order.length), 0, ruleId);
      for (const [i, id] of order.entries()) await tx.automationRule.updateMany({ where: { id, tenantId: actor.tenantId }, data: { position: i } });
    }
    const row = await tx.automationRule.update({
      where: { id: ruleId },
      data: {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
        ...(changes.match !== undefined ? { match: changes.match } : {}),
        ...(changes.conditions !== undefined ? { conditions: changes.conditions } : {}),
        ...(changes.actions !== undefined ? { actions: changes.actions } : {}),
        ...(changes.stopProcessing !== undefined ? { stopProcessing: changes.stopProcessing } : {}),
      },
    });
    const after = toAutomationRuleView(row);
    await recordAudit(tx, actor, { action: "automation_rule.updated", targetType: "automation_rule", targetId: ruleId, before: automationAuditShape(before), after: automationAuditShape(after) });
    return after;
  });
}
