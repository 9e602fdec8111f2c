import { ZFindAutomationRunsInput, type TFindAutomationRunsInput } from "@/server/automation/automation.schemas";
import { AUTOMATION_READ_ROLE, loadTenantAutomationRule, toAutomationRuleView, type AutomationRuleView } from "@/server/automation/automation-rule-view";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";

/** The tenant's rules in the order they are tried (at most MAX_AUTOMATION_RULES: no paging). */
export async function findAutomationRules(actor: Actor): Promise<AutomationRuleView[]> {
  assertRole(actor, AUTOMATION_READ_ROLE);
  const rows = await db.automationRule.findMany({ where: { tenantId: actor.tenantId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
  return rows.map(toAutomationRuleView);
}

export interface AutomationRunView {
  id: string;
  ruleId: string;
  ruleName: string;
  messageId: string;
  results: { kind: string; outcome: "done" | "failed"; detail: string | null }[];
  error: string | null;
  createdAt: Date;
}

/** What the rules did, newest first (one rule or all). */
export async function findAutomationRuns(actor: Actor, input: TFindAutomationRunsInput = {}): Promise<Page<AutomationRunView>> {
  assertRole(actor, AUTOMATION_READ_ROLE);
  const q = ZFindAutomationRunsInput.parse(input);
  if (q.ruleId) await loadTenantAutomationRule(db, actor.tenantId, q.ruleId);
  let after: { createdAt: Date; id: string } | null = null;
  if (q.cursor) {
    after = await db.automationRun.findFirst({ where: { id: q.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "the cursor does not name a run of this account", { details: [{ field: "cursor", message: "unknown cursor" }] });
  }
  const rows = await db.automationRun.findMany({
    where: { tenantId: actor.tenantId, ...(q.ruleId ? { ruleId: q.ruleId } : {}), ...(after ? olderThan(after) : {}) },
    orderBy: NEWEST_FIRST,
    take: q.limit + 1,
    include: { rule: { select: { name: true } } },
  });
  const page = toPage(rows, q.limit);
  return {
    ...page,
    items: page.items.map((r) => ({ id: r.id, ruleId: r.ruleId, ruleName: r.rule.name, messageId: r.messageId, results: r.results as AutomationRunView["results"], error: r.error, createdAt: r.createdAt })),
  };
}
