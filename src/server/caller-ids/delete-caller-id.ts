import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import type { Actor } from "@/server/tenancy";
import { assertCanManageNumbers } from "@/server/numbers/phone-number-view";
import { loadTenantCallerId } from "@/server/caller-ids/caller-id-view";
import { ZCallerIdIdInput, type TCallerIdIdInput } from "@/server/caller-ids/caller-ids.schemas";

/** Removes the caller ID: calls can no longer show it (a claimed number of the account stops being one too). */
export async function deleteCallerId(actor: Actor, input: TCallerIdIdInput): Promise<{ id: string; phoneNumber: string }> {
  assertCanManageNumbers(actor);
  const { id } = ZCallerIdIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const row = await loadTenantCallerId(tx, actor.tenantId, id);
    await tx.callerId.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "caller_id.deleted", targetType: "caller_id", targetId: id, before: { phoneNumber: row.e164, verifiedAt: row.verifiedAt } });
    return { id, phoneNumber: row.e164 };
  });
}
