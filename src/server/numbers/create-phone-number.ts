import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import { recordMilestone } from "@/server/onboarding/record-milestone";
import { newSid } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";
import { ZCreatePhoneNumberInput, type TCreatePhoneNumberInput } from "@/server/numbers/numbers.schemas";
import { assertCanManageNumbers, toPhoneNumberView, type PhoneNumberView } from "@/server/numbers/phone-number-view";

/** A DID routes inbound calls to exactly one tenant, so a number already in any account is refused. */
export function numberTaken(e164: string): AppError {
  return new AppError("CONFLICT", `number_taken: ${e164} is already in use`, {
    details: { fieldErrors: { phoneNumber: [`${e164} is already in use (number_taken)`] } },
  });
}

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

/** Adds a number the tenant owns at its carrier, with its voice/SMS handlers and the gateway calls leave through. */
export async function createPhoneNumber(actor: Actor, input: TCreatePhoneNumberInput): Promise<PhoneNumberView> {
  assertCanManageNumbers(actor);
  const parsed = ZCreatePhoneNumberInput.parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.phoneNumber.create({
        data: {
          id: newSid("PN"),
          tenantId: actor.tenantId,
          e164: parsed.phoneNumber,
          friendlyName: parsed.friendlyName,
          voiceEnabled: parsed.capabilities.voice,
          smsEnabled: parsed.capabilities.sms,
          mmsEnabled: parsed.capabilities.mms,
          voiceUrl: parsed.voiceUrl,
          voiceMethod: parsed.voiceMethod,
          voiceFlowId: parsed.voiceFlowId,
          statusCallbackUrl: parsed.statusCallbackUrl,
          statusCallbackMethod: parsed.statusCallbackMethod,
          smsUrl: parsed.smsUrl,
          smsMethod: parsed.smsMethod,
          carrierGateway: parsed.carrierGateway,
        },
      });
      const view = toPhoneNumberView(row);
      await recordAudit(tx, actor, { action: "phone_number.created", targetType: "phone_number", targetId: row.id, after: view });
      await recordMilestone(tx, actor.tenantId, "number_added");
      return view;
    });
  } catch (e) {
    // The unique index on e164 decides, also between two requests racing for one number.
    if (isUniqueViolation(e)) throw numberTaken(parsed.phoneNumber);
    throw e;
  }
}
