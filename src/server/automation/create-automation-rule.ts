import { recordAudit } from "@/server/audit/record-audit";
import { ZCreateAutomationRuleInput, type TCreateAutomationRuleInput } from "@/server/automation/automation.schemas";
import { AUTOMATION_WRITE_ROLE, automationAuditShape, toAutomationRuleView, type AutomationRuleView } from "@/server/automation/automation-rule-view";
import { checkRuleReferences } from "@/server/automation/check-rule-references";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

/** Rules a tenant may have: each inbound message is tried against all of them. */
export const MAX_AUTOMATION_RULES = 100;

/** A new rule goes last in the order. */
export async function createAutomationRule(actor: Actor, input: TCreateAutomationRuleInput): Promise<AutomationRuleView> {
  assertRole(actor, AUTOMATION_WRITE_ROLE);
  const r = ZCreateAutomationRuleInput.parse(input);
  return db.$transaction(async (tx) => {
    // The tenant's rules are counted and placed under a lock on the tenant, so two creations do not share a place.
    await tx.$queryRaw`SELECT id FROM "Tenant" WHERE id = ${actor.tenantId} FOR UPDATE`;
    await checkRuleReferences(tx, actor.tenantId, r.actions);
    const count = await tx.automationRule.count({ where: { tenantId: actor.tenantId } });
    if (count >= MAX_AUTOMATION_RULES) throw new AppError("BAD_REQUEST", `an account has at most ${MAX_AUTOMATION_RULES} automation rules`, { details: [{ field: "name", message: "too many rules" }] });
    const row = await tx.automationRule.create({
      data: { id: newId("ar"), tenantId: actor.tenantId, name: r.name, enabled: r.enabled, match: r.match, conditions: r.conditions, actions: r.actions, stopProcessing: r.stopProcessing, position: count },
    });
    const view = toAutomationRuleView(row);
    await recordAudit(tx, actor, { action: "automation_rule.created", targetType: "automation_rule", targetId: row.id, after: automationAuditShape(view) });
    return view;
  });
}
