import type { AutomationRule } from "@/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";
import type { TAutomationAction, TAutomationCondition } from "@/server/automation/automation.schemas";
import type { RoleRule } from "@/server/tenancy";

/** Supervisors see the rules; admins write them (they act on every conversation of the account). */
export const AUTOMATION_READ_ROLE: RoleRule = { minRole: "SUPERVISOR" };
export const AUTOMATION_WRITE_ROLE: RoleRule = { minRole: "ADMIN" };

export interface AutomationRuleView {
  id: string;
  name: string;
  enabled: boolean;
  match: "all" | "any";
  conditions: TAutomationCondition[];
  actions: TAutomationAction[];
  stopProcessing: boolean;
  position: number;
  runCount: number;
  lastRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toAutomationRuleView(row: AutomationRule): AutomationRuleView {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    match: row.match === "any" ? "any" : "all",
    conditions: row.conditions as TAutomationCondition[],
    actions: row.actions as TAutomationAction[],
    stopProcessing: row.stopProcessing,
    position: row.position,
    runCount: row.runCount,
    lastRunAt: row.lastRunAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The tenant's rule, or 404 (another tenant's id reads as not found). */
export async function loadTenantAutomationRule(tx: DbOrTx, tenantId: string, ruleId: string): Promise<AutomationRule> {
  const row = await tx.automationRule.findFirst({ where: { id: ruleId, tenantId } });
  if (!row) throw notFound("automation rule");
  return row;
}

/** What the audit keeps of a rule. */
export function automationAuditShape(v: AutomationRuleView) {
  const { createdAt: _c, updatedAt: _u, runCount: _r, lastRunAt: _l, ...rest } = v;
  return rest;
}
