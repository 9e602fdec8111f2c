// What callers see of a phone number, shared by every use-case here so the tRPC and REST answers have one
// shape, and who may act on numbers.
import type { PhoneNumber } from "@/generated/prisma/client";
import { assertRole, type Actor, type RoleRule } from "@/server/tenancy";

/** Adding, changing and releasing numbers routes real calls and costs money: owners and admins. */
export const PHONE_NUMBER_ADMIN_ROLE: RoleRule = { minRole: "ADMIN" };
/** Reading numbers: whoever manages or places calls (developers build on them, supervisors run the floor). */
export const PHONE_NUMBER_READ_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };

/**
 * Members need PHONE_NUMBER_ADMIN_ROLE. An API key is authorised by its `numbers:write` scope, which the route
 * checked already (keys act with the DEVELOPER role, so the role rule alone would refuse every key).
 */
export function assertCanManageNumbers(actor: Actor): void {
  if (actor.apiKeyId && !actor.userId) return;
  assertRole(actor, PHONE_NUMBER_ADMIN_ROLE);
}

export interface PhoneNumberView {
  id: string;
  phoneNumber: string;
  friendlyName: string;
  capabilities: { voice: boolean; sms: boolean; mms: boolean };
  voiceUrl: string | null;
  voiceMethod: string;
  voiceFlowId: string | null;
  statusCallbackUrl: string | null;
  statusCallbackMethod: string;
  smsUrl: string | null;
  smsMethod: string;
  carrierGateway: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toPhoneNumberView(row: PhoneNumber): PhoneNumberView {
  return {
    id: row.id,
    phoneNumber: row.e164,
    friendlyName: row.friendlyName,
    capabilities: { voice: row.voiceEnabled, sms: row.smsEnabled, mms: row.mmsEnabled },
    voiceUrl: row.voiceUrl,
    voiceMethod: row.voiceMethod,
    voiceFlowId: row.voiceFlowId,
    statusCallbackUrl: row.statusCallbackUrl,
    statusCallbackMethod: row.statusCallbackMethod,
    smsUrl: row.smsUrl,
    smsMethod: row.smsMethod,
    carrierGateway: row.carrierGateway,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
