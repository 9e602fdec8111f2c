import type { Tx } from "@/server/db";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { newSid } from "@/server/shared/ids";
import { assertRole, assertTenantActive, type Actor } from "@/server/tenancy";
import { CALL_TRANSACTION_OPTIONS, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_WRITE_ROLE, toCallView, type CallApiSurface, type CallView } from "@/server/calls/call-view";
import { ZCreateCallInput, type TCreateCallInput } from "@/server/calls/calls.schemas";

export interface CreateCallOptions {
  /** The API the call was placed through; picks the status-callback form ("twilio": form-encoded, Twilio names). */
  surface: CallApiSurface;
  /**
   * Runs inside the transaction that inserts the call, after the insert. The REST layer completes its
   * Idempotency-Key record here, so the record and the call commit together or not at all.
   */
  idempotency?: (tx: Tx, call: CallView) => Promise<void>;
}

function fieldError(field: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `${field}: ${message}`, { details: { fieldErrors: { [field]: [message] } } });
}

/**
 * Places an outbound call: the call is stored `queued` and a worker claims it (claimQueuedCalls), paced by the
 * tenant's calls-per-second and concurrency limits. The account must be active, have credit, and own `from`.
 */
export async function createCall(actor: Actor, input: TCreateCallInput, opts: CreateCallOptions): Promise<CallView> {
  assertRole(actor, CALL_WRITE_ROLE);
  const parsed = ZCreateCallInput.parse(input);
  // Checks read outside the transaction (one query on the usual path), so it holds a pooled connection only for the writes.
  const tenantSelect = { status: true, suspendedReason: true, creditMicros: true, currency: true, accountSid: true } as const;
  const number = await db.phoneNumber.findFirst({
    where: { tenantId: actor.tenantId, e164: parsed.from },
    select: { id: true, voiceEnabled: true, tenant: { select: tenantSelect } },
  });
  const tenant = number?.tenant ?? (await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: tenantSelect }));
  assertTenantActive(tenant);
  if (tenant.creditMicros <= 0n) {
    throw new AppError("INSUFFICIENT_CREDIT", `insufficient credit: the account balance is ${tenant.creditMicros} micro-${tenant.currency}; add credit to place calls`, {
      details: { credit_balance_micros: tenant.creditMicros.toString(), currency: tenant.currency },
    });
  }
  if (!number) throw fieldError("from", `${parsed.from} is not a phone number of this account`);
  if (!number.voiceEnabled) throw fieldError("from", `voice is disabled on ${parsed.from}`);

  return db.$transaction(async (tx) => {
    const now = new Date();
    const row = await tx.call.create({
      data: {
        id: newSid("CA"),
        tenantId: actor.tenantId,
        direction: "OUTBOUND_API",
        status: "QUEUED",
        from: parsed.from,
        to: parsed.to,
        phoneNumberId: number.id,
        url: parsed.url ?? null,
        method: parsed.method,
        flowId: parsed.flowId ?? null,
        instructions: parsed.instructions ? (JSON.parse(JSON.stringify(parsed.instructions)) as never) : undefined,
        statusCallbackUrl: parsed.statusCallback ?? null,
        statusCallbackMethod: parsed.statusCallbackMethod,
        statusCallbackEvents: parsed.statusCallbackEvents,
        timeoutSeconds: parsed.timeout,
        timeLimitSeconds: parsed.timeLimit,
        record: parsed.record,
        apiKeyId: actor.apiKeyId,
        apiSurface: opts.surface,
        currency: tenant.currency,
        queuedAt: now,
        eventSequence: 1,
      },
    });
    const call = toCallView({ ...row, recordings: [] }); // a new call has none yet
    await writeCallTransitions(tx, [
      { call, accountSid: tenant.accountSid, type: "queued", status: "QUEUED", at: now, sequence: 1, data: { apiKeyId: actor.apiKeyId, userId: actor.userId, surface: opts.surface } },
    ]);
    if (opts.idempotency) await opts.idempotency(tx, call);
    return call;
  }, CALL_TRANSACTION_OPTIONS);
}
