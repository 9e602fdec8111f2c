// What every way a number reaches a tenant shares (bought through the provider, assigned by staff): the row, its
// audit entry and the onboarding milestone, and the one refusal a taken or unsellable number gets.
import { assertTenantFlow } from "@/server/ivr-flows/assert-tenant-flow";
import { Prisma, type NumberOrigin } from "@/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import { recordMilestone } from "@/server/onboarding/record-milestone";
import { assertNumberCapRoom } from "@/server/tenant/tenant-caps";
import { newSid } from "@/server/shared/ids";
import type { z } from "zod";
import type { ZCreatePhoneNumberInput } from "@/server/numbers/numbers.schemas";
import { toPhoneNumberView, type PhoneNumberView } from "@/server/numbers/phone-number-view";

/**
 * A number this account cannot have: the same answer whether another account holds it or the carrier does not
 * sell it, so the refusal never tells who owns what.
 */
export function numberUnavailable(e164: string): AppError {
  return new AppError("CONFLICT", `number_unavailable: ${e164} is not available`, {
    details: { fieldErrors: { phoneNumber: [`${e164} is not available (number_unavailable)`] } },
  });
}

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

export interface NewPhoneNumber {
  tenantId: string;
  settings: z.output<typeof ZCreatePhoneNumberInput>;
  origin: NumberOrigin;
  provider?: string | null;
  providerNumberId?: string | null;
}

/**
 * Inserts the number (the unique index on e164 decides between racing requests) and audits it on the tenant. A
 * purchase or claim beyond the tenant's number cap is refused here.
 */
export async function insertPhoneNumber(tx: Prisma.TransactionClient, auditActor: AuditActor, n: NewPhoneNumber): Promise<PhoneNumberView> {
  const s = n.settings;
  // Staff assigning a number decide deliberately; the tenant's own purchases and claims respect its cap.
  if (n.origin !== "ASSIGNED") await assertNumberCapRoom(tx, n.tenantId);
  await assertTenantFlow(tx, n.tenantId, s.voiceFlowId);
  const row = await tx.phoneNumber.create({
    data: {
      id: newSid("PN"),
      tenantId: n.tenantId,
      e164: s.phoneNumber,
      origin: n.origin,
      provider: n.provider ?? null,
      providerNumberId: n.providerNumberId ?? null,
      friendlyName: s.friendlyName,
      voiceEnabled: s.capabilities.voice,
      smsEnabled: s.capabilities.sms,
      mmsEnabled: s.capabilities.mms,
      voiceUrl: s.voiceUrl,
      voiceMethod: s.voiceMethod,
      voiceFlowId: s.voiceFlowId,
      statusCallbackUrl: s.statusCallbackUrl,
      statusCallbackMethod: s.statusCallbackMethod,
      smsUrl: s.smsUrl,
      smsMethod: s.smsMethod,
      carrierGateway: s.carrierGateway,
    },
  });
  const view = toPhoneNumberView(row);
  await recordAudit(tx, auditActor, { action: n.origin === "ASSIGNED" ? "phone_number.assigned" : "phone_number.purchased", targetType: "phone_number", targetId: row.id, after: view });
  await recordMilestone(tx, n.tenantId, "number_added");
  return view;
}
