// What callers see of a phone number, shared by every use-case here so the tRPC and REST answers have one
// shape, and who may act on numbers.
import type { NumberOrigin, PhoneNumber } from "@/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
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
  /** How the account got the number (bought through the provider, assigned by staff, or typed in before either). */
  origin: NumberOrigin;
  provider: string | null;
  /** Bought, but the provider's confirmation was never stored (the process stopped mid-purchase). */
  purchasePending: boolean;
  /** Calls may show it as caller ID: provisioned, assigned, or a claimed number whose caller ID was verified. */
  callerIdAllowed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** `verified`: the claimed number's caller ID was verified (CallerId); provisioned and assigned numbers need not be. */
export function toPhoneNumberView(row: PhoneNumber, verified = false): PhoneNumberView {
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
    origin: row.origin,
    provider: row.provider,
    purchasePending: row.origin === "PROVISIONED" && row.providerNumberId === null,
    callerIdAllowed: row.origin === "ASSIGNED" || (row.origin === "PROVISIONED" && row.providerNumberId !== null) || verified,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Views of the tenant's rows, with the verification of each claimed one looked up. */
export async function toPhoneNumberViews(client: DbOrTx, tenantId: string, rows: PhoneNumber[]): Promise<PhoneNumberView[]> {
  const claimed = rows.filter((r) => r.origin === "CLAIMED").map((r) => r.e164);
  const verified = claimed.length
    ? new Set((await client.callerId.findMany({ where: { tenantId, e164: { in: claimed }, verifiedAt: { not: null } }, select: { e164: true } })).map((c) => c.e164))
    : new Set<string>();
  return rows.map((r) => toPhoneNumberView(r, verified.has(r.e164)));
}
