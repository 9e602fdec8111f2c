// A rule's actions may name the account's members and inbox teams: each must exist in the account when the rule is
// saved (another account's id is refused like a missing one), or the rule is refused naming `actions`.
import type { TAutomationAction } from "@/server/automation/automation.schemas";
import type { DbOrTx } from "@/server/db";
import { fieldError } from "@/server/errors";

export async function checkRuleReferences(tx: DbOrTx, tenantId: string, actions: readonly TAutomationAction[]): Promise<void> {
  for (const action of actions) {
    if (action.kind !== "assign") continue;
    if (action.userId && !(await tx.membership.findFirst({ where: { tenantId, userId: action.userId }, select: { id: true } }))) {
      throw fieldError("actions", `${action.userId} is not a member of this account`);
    }
    if (action.teamId && !(await tx.inboxTeam.findFirst({ where: { tenantId, id: action.teamId }, select: { id: true } }))) {
      throw fieldError("actions", `${action.teamId} is not an inbox team of this account`);
    }
  }
}
