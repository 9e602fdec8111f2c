import { z } from "zod";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { insertPhoneNumber, isUniqueViolation } from "@/server/numbers/create-phone-number";
import { ZCreatePhoneNumberInput, type TCreatePhoneNumberInput } from "@/server/numbers/numbers.schemas";
import type { PhoneNumberView } from "@/server/numbers/phone-number-view";
import { staffAuditActor, type StaffActor } from "@/server/admin/staff-actor";

const ZTenantId = z.object({ tenantId: z.string().min(1).max(64) });
export type TAssignPhoneNumberInput = TCreatePhoneNumberInput & { tenantId: string };

/**
 * Platform staff give a tenant a number the platform holds at its carrier (ported in, bought outside the number
 * API): it routes inbound calls to the tenant and may be its caller ID. Staff see who holds a taken number.
 * Audited on the tenant, as staff.
 */
export async function assignPhoneNumber(staff: StaffActor, input: TAssignPhoneNumberInput): Promise<PhoneNumberView> {
  const { tenantId } = ZTenantId.parse(input);
  const settings = ZCreatePhoneNumberInput.parse(input);
  if (!(await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) throw new AppError("NOT_FOUND", "tenant not found");
  try {
    return await db.$transaction((tx) =>
      insertPhoneNumber(tx, staffAuditActor(staff, tenantId), { tenantId, settings, origin: "ASSIGNED" }),
    );
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const holder = await db.phoneNumber.findUnique({ where: { e164: settings.phoneNumber }, select: { tenant: { select: { name: true, id: true } } } });
    throw new AppError("CONFLICT", `${settings.phoneNumber} is held by ${holder ? `${holder.tenant.name} (${holder.tenant.id})` : "another tenant"}`, {
      details: { fieldErrors: { phoneNumber: [`held by ${holder?.tenant.name ?? "another tenant"}`] } },
    });
  }
}
