import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import type { Actor } from "@/server/tenancy";
import { loadTenantPhoneNumber } from "@/server/numbers/get-phone-number";
import { ZPhoneNumberIdInput, type TPhoneNumberIdInput } from "@/server/numbers/numbers.schemas";
import { assertCanManageNumbers, toPhoneNumberView } from "@/server/numbers/phone-number-view";
import { providerFailed } from "@/server/numbers/purchase-phone-number";
import { configuredNumberProvider } from "@/server/numbers/providers/configured-number-provider";
import { NumberProviderError, type NumberProvider } from "@/server/numbers/providers/number-provider";

/**
 * Gives the number up: a bought one is released at its provider first (a provider that cannot be reached leaves
 * everything as it was; one that no longer knows the number counts as released), then the row is deleted, so the
 * DID is free and inbound calls to it are refused. Calls keep their history (phoneNumberId is set null).
 */
export async function releasePhoneNumber(actor: Actor, input: TPhoneNumberIdInput, provider: NumberProvider | null = null): Promise<{ id: string; phoneNumber: string }> {
  assertCanManageNumbers(actor);
  const { id } = ZPhoneNumberIdInput.parse(input);
  const row = await loadTenantPhoneNumber(db, actor.tenantId, id);
  if (row.origin === "PROVISIONED" && row.providerNumberId) {
    const at = provider ?? configuredNumberProvider();
    if (at && at.name === row.provider) {
      try {
        await at.release(row.providerNumberId);
      } catch (err) {
        if (!(err instanceof NumberProviderError)) throw err;
        if (err.status !== 404) throw providerFailed(err);
      }
    }
  }
  return db.$transaction(async (tx) => {
    const before = toPhoneNumberView(await loadTenantPhoneNumber(tx, actor.tenantId, id));
    await tx.phoneNumber.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "phone_number.released", targetType: "phone_number", targetId: id, before });
    return { id, phoneNumber: before.phoneNumber };
  });
}
