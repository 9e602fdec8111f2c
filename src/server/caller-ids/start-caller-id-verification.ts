// Verifying a caller ID, as Twilio's Verified Caller IDs: the platform calls the number and speaks a 6-digit code;
// whoever answers enters it (confirm-caller-id.ts), which proves the account can take calls on that line. The call
// is the tenant's (queued like any outbound call, on its calls page, billed as one) but its instructions are never
// shown (call-view.ts), and its caller ID is the platform's CALLER_ID_VERIFICATION_FROM.
import { env } from "@/env";
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import { newId, newSid } from "@/server/shared/ids";
import { assertTenantActive, type Actor } from "@/server/tenancy";
import { CALLER_ID_VERIFICATION } from "@/server/calls/call-view";
import { announceCallChanges } from "@/server/calls/notify-call-changed";
import { numberUnavailable } from "@/server/numbers/create-phone-number";
import { assertCanManageNumbers } from "@/server/numbers/phone-number-view";
import { toCallerIdView, type CallerIdView } from "@/server/caller-ids/caller-id-view";
import { ZStartCallerIdVerificationInput, type TStartCallerIdVerificationInput } from "@/server/caller-ids/caller-ids.schemas";
import { hashVerificationCode, newVerificationCode, spokenDigits } from "@/server/caller-ids/verification-code";

/** How long a spoken code is accepted. */
export const CODE_TTL_MS = 10 * 60_000;
/** Verification calls to one number, from every account together, per hour: the platform never harasses a line. */
export const CALLS_PER_NUMBER_PER_HOUR = 3;
/** Verification calls one account may place per hour. */
export const CALLS_PER_TENANT_PER_HOUR = 20;

function rateLimited(message: string): AppError {
  return new AppError("RATE_LIMITED", message, { retryAfter: 3600 });
}

export async function startCallerIdVerification(actor: Actor, input: TStartCallerIdVerificationInput): Promise<CallerIdView> {
  assertCanManageNumbers(actor);
  const { phoneNumber, friendlyName } = ZStartCallerIdVerificationInput.parse(input);
  const from = env.CALLER_ID_VERIFICATION_FROM;
  if (!from) {
    throw new AppError("UNPROCESSABLE", "caller IDs cannot be verified on this installation (CALLER_ID_VERIFICATION_FROM is not set); platform staff can assign numbers instead");
  }
  const result = await db.$transaction(async (tx) => {
    // One verification at a time per account and number: the row lock orders racing requests.
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { status: true, suspendedReason: true, creditMicros: true, currency: true } });
    assertTenantActive(tenant);
    if (tenant.creditMicros <= 0n) throw new AppError("INSUFFICIENT_CREDIT", "insufficient credit: the verification call is billed like any call; add credit first");
    const holder = await tx.phoneNumber.findUnique({ where: { e164: phoneNumber }, select: { tenantId: true } });
    if (holder && holder.tenantId !== actor.tenantId) throw numberUnavailable(phoneNumber);

    const hourAgo = new Date(Date.now() - 3600_000);
    const [toNumber, byTenant] = await Promise.all([
      tx.call.count({ where: { purpose: CALLER_ID_VERIFICATION, to: phoneNumber, createdAt: { gte: hourAgo } } }),
      tx.call.count({ where: { purpose: CALLER_ID_VERIFICATION, tenantId: actor.tenantId, createdAt: { gte: hourAgo } } }),
    ]);
    if (toNumber >= CALLS_PER_NUMBER_PER_HOUR) throw rateLimited(`${phoneNumber} was called for verification ${toNumber} times in the last hour; try again later`);
    if (byTenant >= CALLS_PER_TENANT_PER_HOUR) throw rateLimited(`this account placed ${byTenant} verification calls in the last hour; try again later`);

    const existing = await tx.callerId.findUnique({ where: { tenantId_e164: { tenantId: actor.tenantId, e164: phoneNumber } } });
    if (existing?.verifiedAt) {
      throw new AppError("CONFLICT", `${phoneNumber} is already a verified caller ID of this account`, { details: { fieldErrors: { phoneNumber: ["already verified"] } } });
    }
    const id = existing?.id ?? newSid("CI");
    const code = newVerificationCode();
    const callId = newSid("CA");
    const now = new Date();
    const data = {
      codeHash: hashVerificationCode(id, code),
      codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS),
      codeAttempts: 0,
      verificationCallId: callId,
      ...(friendlyName ? { friendlyName } : {}),
    };
    const row = existing
      ? await tx.callerId.update({ where: { id }, data })
      : await tx.callerId.create({ data: { id, tenantId: actor.tenantId, e164: phoneNumber, ...data } });
    const digits = spokenDigits(code);
    await tx.call.create({
      data: {
        id: callId,
        tenantId: actor.tenantId,
        direction: "OUTBOUND_API",
        status: "QUEUED",
        from,
        to: phoneNumber,
        purpose: CALLER_ID_VERIFICATION,
        instructions: [
          { pause: 1 },
          { say: `Hello. This is your caller ID verification call. Your code is ${digits}.` },
          { pause: 1 },
          { say: `Again, your code is ${digits}. Goodbye.` },
        ],
        timeoutSeconds: 45,
        timeLimitSeconds: 90,
        apiKeyId: actor.apiKeyId,
        currency: tenant.currency,
        queuedAt: now,
        queueExpiresAt: new Date(now.getTime() + 5 * 60_000),
        eventSequence: 1,
        createdAt: now,
        events: { create: { id: newId("cev"), tenantId: actor.tenantId, sequence: 1, type: "queued", status: "QUEUED", occurredAt: now, data: { apiKeyId: actor.apiKeyId, userId: actor.userId, purpose: CALLER_ID_VERIFICATION, callerIdId: id } } },
      },
    });
    await recordAudit(tx, actor, { action: "caller_id.verification_started", targetType: "caller_id", targetId: id, after: { phoneNumber, callId } });
    return { row, callId };
  });
  announceCallChanges([{ tenantId: actor.tenantId, callId: result.callId, status: "QUEUED" }]);
  return toCallerIdView(result.row);
}
