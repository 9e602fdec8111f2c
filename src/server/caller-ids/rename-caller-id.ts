import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import type { Actor } from "@/server/tenancy";
import { assertCanManageNumbers } from "@/server/numbers/phone-number-view";
import { loadTenantCallerId, toCallerIdView, type CallerIdView } from "@/server/caller-ids/caller-id-view";
import { ZRenameCallerIdInput, type TRenameCallerIdInput } from "@/server/caller-ids/caller-ids.schemas";

export async function renameCallerId(actor: Actor, input: TRenameCallerIdInput): Promise<CallerIdView> {
  assertCanManageNumbers(actor);
  const { id, friendlyName } = ZRenameCallerIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = await loadTenantCallerId(tx, actor.tenantId, id);
    const after = await tx.callerId.update({ where: { id }, data: { friendlyName } });
    await recordAudit(tx, actor, { action: "caller_id.renamed", targetType: "caller_id", targetId: id, before: { friendlyName: before.friendlyName }, after: { friendlyName } });
    return toCallerIdView(after);
  });
}
