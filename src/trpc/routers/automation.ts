import { ZAutomationRuleIdInput, ZCreateAutomationRuleInput, ZFindAutomationRunsInput, ZUpdateAutomationRuleInput } from "@/server/automation/automation.schemas";
import { AUTOMATION_READ_ROLE, AUTOMATION_WRITE_ROLE } from "@/server/automation/automation-rule-view";
import { createAutomationRule } from "@/server/automation/create-automation-rule";
import { deleteAutomationRule } from "@/server/automation/delete-automation-rule";
import { findAutomationRules, findAutomationRuns } from "@/server/automation/find-automation-rules";
import { updateAutomationRule } from "@/server/automation/update-automation-rule";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const reader = tenantProcedure(AUTOMATION_READ_ROLE);
const writer = tenantProcedure(AUTOMATION_WRITE_ROLE);

export const automationRouter = createTRPCRouter({
  list: reader.query(({ ctx }) => findAutomationRules(ctx.actor)),
  runs: reader.input(ZFindAutomationRunsInput).query(({ ctx, input }) => findAutomationRuns(ctx.actor, input)),
  create: writer.input(ZCreateAutomationRuleInput).mutation(({ ctx, input }) => createAutomationRule(ctx.actor, input)),
  update: writer.input(ZUpdateAutomationRuleInput).mutation(({ ctx, input }) => updateAutomationRule(ctx.actor, input)),
  delete: writer.input(ZAutomationRuleIdInput).mutation(({ ctx, input }) => deleteAutomationRule(ctx.actor, input)),
});
