import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import type { Actor } from "@/server/tenancy";
import { loadTenantPhoneNumber } from "@/server/numbers/get-phone-number";
import { ZPhoneNumberIdInput, type TPhoneNumberIdInput } from "@/server/numbers/numbers.schemas";
import { assertCanManageNumbers, toPhoneNumberView } from "@/server/numbers/phone-number-view";

/**
 * Gives the number up: the row is deleted, so the DID is free for any account and inbound calls to it are
 * refused. Calls keep their history (their from/to stay; phoneNumberId is set null by the foreign key).
 */
export async function releasePhoneNumber(actor: Actor, input: TPhoneNumberIdInput): Promise<{ id: string; phoneNumber: string }> {
  assertCanManageNumbers(actor);
  const { id } = ZPhoneNumberIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = toPhoneNumberView(await loadTenantPhoneNumber(tx, actor.tenantId, id));
    await tx.phoneNumber.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "phone_number.released", targetType: "phone_number", targetId: id, before });
    return { id, phoneNumber: before.phoneNumber };
  });
}
