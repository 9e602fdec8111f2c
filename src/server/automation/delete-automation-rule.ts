import { recordAudit } from "@/server/audit/record-audit";
import { ZAutomationRuleIdInput } from "@/server/automation/automation.schemas";
import { AUTOMATION_WRITE_ROLE, automationAuditShape, loadTenantAutomationRule, toAutomationRuleView } from "@/server/automation/automation-rule-view";
import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";

/** Deletes a rule (and its run history); the rules after it move up one place. */
export async function deleteAutomationRule(actor: Actor, input: { ruleId: string }): Promise<{ deleted: true }> {
  assertRole(actor, AUTOMATION_WRITE_ROLE);
  const { ruleId } = ZAutomationRuleIdInput.parse(input);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Tenant" WHERE id = ${actor.tenantId} FOR UPDATE`;
    const before = toAutomationRuleView(await loadTenantAutomationRule(tx, actor.tenantId, ruleId));
    await tx.automationRule.delete({ where: { id: ruleId } });
    await tx.automationRule.updateMany({ where: { tenantId: actor.tenantId, position: { gt: before.position } }, data: { position: { decrement: 1 } } });
    await recordAudit(tx, actor, { action: "automation_rule.deleted", targetType: "automation_rule", targetId: ruleId, before: automationAuditShape(before) });
    return { deleted: true as const };
  });
}
