// Placing an outbound call is the API's hottest write (hundreds a second from one client), so it is two SQL
// statements on the raw pool instead of Prisma: one read for the checks, then one statement that inserts the
// call, its `queued` event and the Idempotency-Key answer. A single statement is atomic on its own, so nothing
// is half-written and no interactive transaction (BEGIN/COMMIT round trips) runs. The live-status announcement
// (which wakes the worker) follows the commit (notify-call-changed.ts).
import { sqlPool } from "@/server/db";
import type { IdempotencyCompletion } from "@/server/api/idempotency";
import { AppError } from "@/server/errors";
import { newId, newSid } from "@/server/shared/ids";
import { assertRole, assertTenantActive, type Actor } from "@/server/tenancy";
import { CALL_WRITE_ROLE, type CallApiSurface, type CallView } from "@/server/calls/call-view";
import { ZCreateCallInput, type TCreateCallInput } from "@/server/calls/calls.schemas";
import { announceCallChanges } from "@/server/calls/notify-call-changed";

export interface CreateCallOptions {
  /** The API the call was placed through; picks the status-callback form ("twilio": form-encoded, Twilio names). */
  surface: CallApiSurface;
  /**
   * The REST layer's Idempotency-Key answer for the new call. It is written by the statement that inserts the
   * call, so the stored answer and the call commit together or not at all.
   */
  idempotency?: (call: CallView) => IdempotencyCompletion;
}

function fieldError(field: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `${field}: ${message}`, { details: { fieldErrors: { [field]: [message] } } });
}

interface CallerRow {
  numberId: string | null;
  voiceEnabled: boolean | null;
  status: string;
  suspendedReason: string | null;
  creditMicros: string;
  currency: string;
}

/** The account and, when the account owns it, the caller number: one row (the number's columns null when not owned). */
const CALLER_SQL = `
  SELECT n.id AS "numberId", n."voiceEnabled", t.status, t."suspendedReason", t."creditMicros"::text AS "creditMicros", t.currency
  FROM "Tenant" t LEFT JOIN "PhoneNumber" n ON n."tenantId" = t.id AND n.e164 = $2
  WHERE t.id = $1`;

/**
 * The call, its first timeline event (sequence 1, as writeCallTransitions writes every later one; `queued` has no
 * status callback or webhook event) and the Idempotency-Key answer when there is one. Timestamps travel as ISO
 * text and are stored as UTC, like Prisma stores them.
 */
const INSERT_SQL = `
  WITH call AS (
    INSERT INTO "Call" (id, "tenantId", direction, status, "from", "to", "phoneNumberId", url, method, "flowId", instructions,
      "statusCallbackUrl", "statusCallbackMethod", "statusCallbackEvents", "timeoutSeconds", "timeLimitSeconds", record,
      "apiKeyId", "apiSurface", currency, "queuedAt", "eventSequence", "createdAt", "updatedAt")
    VALUES ($1, $2, 'OUTBOUND_API', 'QUEUED', $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12::text[], $13, $14, $15, $16, $17, $18,
      ($19::timestamptz AT TIME ZONE 'UTC'), 1, ($19::timestamptz AT TIME ZONE 'UTC'), ($19::timestamptz AT TIME ZONE 'UTC'))
    RETURNING id
  ), event AS (
    INSERT INTO "CallEvent" (id, "callId", "tenantId", sequence, type, status, "occurredAt", data, "createdAt")
    SELECT $20, call.id, $2, 1, 'queued', 'QUEUED', ($19::timestamptz AT TIME ZONE 'UTC'), $21::jsonb, ($19::timestamptz AT TIME ZONE 'UTC') FROM call
  ), answer AS (
    UPDATE "IdempotencyRecord" SET state = 'COMPLETED', "responseStatus" = $23, "responseBody" = $24
    WHERE id = $22 AND "tenantId" = $2 AND EXISTS (SELECT 1 FROM call)
  )
  SELECT call.id FROM call`;

/**
 * Places an outbound call: the call is stored `queued` and a worker claims it (claimQueuedCalls), paced by the
 * tenant's calls-per-second and concurrency limits. The account must be active, have credit, and own `from`.
 */
export async function createCall(actor: Actor, input: TCreateCallInput, opts: CreateCallOptions): Promise<CallView> {
  assertRole(actor, CALL_WRITE_ROLE);
  const parsed = ZCreateCallInput.parse(input);
  const pool = sqlPool();
  const caller = (await pool.query<CallerRow>({ name: "irisx.createCall.caller", text: CALLER_SQL, values: [actor.tenantId, parsed.from] })).rows[0];
  if (!caller) throw new AppError("NOT_FOUND", "account not found");
  assertTenantActive(caller);
  if (BigInt(caller.creditMicros) <= 0n) {
    throw new AppError("INSUFFICIENT_CREDIT", `insufficient credit: the account balance is ${caller.creditMicros} micro-${caller.currency}; add credit to place calls`, {
      details: { credit_balance_micros: caller.creditMicros, currency: caller.currency },
    });
  }
  if (!caller.numberId) throw fieldError("from", `${parsed.from} is not a phone number of this account`);
  if (!caller.voiceEnabled) throw fieldError("from", `voice is disabled on ${parsed.from}`);

  const now = new Date();
  const call: CallView = {
    id: newSid("CA"),
    tenantId: actor.tenantId,
    parentCallId: null,
    direction: "OUTBOUND_API",
    status: "QUEUED",
    from: parsed.from,
    to: parsed.to,
    phoneNumberId: caller.numberId,
    switchId: null,
    channelUuid: null,
    claimedBy: null,
    url: parsed.url ?? null,
    method: parsed.method,
    flowId: parsed.flowId ?? null,
    instructions: parsed.instructions ?? null,
    statusCallbackUrl: parsed.statusCallback ?? null,
    statusCallbackMethod: parsed.statusCallbackMethod,
    statusCallbackEvents: parsed.statusCallbackEvents,
    timeoutSeconds: parsed.timeout,
    timeLimitSeconds: parsed.timeLimit ?? null,
    record: parsed.record,
    apiSurface: opts.surface,
    endRequestedAt: null,
    endRequestedStatus: null,
    queuedAt: now,
    initiatedAt: null,
    ringingAt: null,
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    billsec: null,
    hangupCause: null,
    sipStatus: null,
    answeredBy: null,
    priceMicros: null,
    currency: caller.currency,
    eventSequence: 1,
    recordingIds: [], // a new call has none yet
    createdAt: now,
    updatedAt: now,
  };
  const answer = opts.idempotency?.(call);
  const at = now.toISOString();
  const eventData = JSON.stringify({ apiKeyId: actor.apiKeyId, userId: actor.userId, surface: opts.surface });
  await pool.query({
    name: "irisx.createCall.insert",
    text: INSERT_SQL,
    values: [
      call.id, call.tenantId, call.from, call.to, call.phoneNumberId, call.url, call.method, call.flowId,
      call.instructions === null ? null : JSON.stringify(call.instructions),
      call.statusCallbackUrl, call.statusCallbackMethod, call.statusCallbackEvents, call.timeoutSeconds, call.timeLimitSeconds, call.record,
      actor.apiKeyId, opts.surface, call.currency, at,
      newId("cev"), eventData,
      answer?.recordId ?? null, answer?.status ?? null, answer?.body ?? null,
    ],
  });
  announceCallChanges([{ tenantId: call.tenantId, callId: call.id, status: call.status }]);
  return call;
}
