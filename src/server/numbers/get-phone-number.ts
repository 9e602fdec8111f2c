import type { PhoneNumber } from "@/generated/prisma/client";
import { db, type DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { ZPhoneNumberIdInput, type TPhoneNumberIdInput } from "@/server/numbers/numbers.schemas";
import { PHONE_NUMBER_READ_ROLE, toPhoneNumberViews, type PhoneNumberView } from "@/server/numbers/phone-number-view";

/** The number row of the tenant; another tenant's id is NOT_FOUND, exactly like a missing one. */
export async function loadTenantPhoneNumber(client: DbOrTx, tenantId: string, id: string): Promise<PhoneNumber> {
  const row = await client.phoneNumber.findFirst({ where: { id, tenantId } });
  if (!row) throw notFound("phone number");
  return row;
}

export async function getPhoneNumber(actor: Actor, input: TPhoneNumberIdInput): Promise<PhoneNumberView> {
  assertRole(actor, PHONE_NUMBER_READ_ROLE);
  const { id } = ZPhoneNumberIdInput.parse(input);
  const [view] = await toPhoneNumberViews(db, actor.tenantId, [await loadTenantPhoneNumber(db, actor.tenantId, id)]);
  return view!;
}
