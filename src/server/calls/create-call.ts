// Placing an outbound call is the API's hottest write (hundreds a second from one client), so it runs on the raw
// pool instead of Prisma, as single statements (atomic on their own: nothing is half-written, and no interactive
// transaction's BEGIN/COMMIT round trips run):
// - without an Idempotency-Key, one statement checks the account and the caller number and, when they pass,
//   inserts the call and its `queued` event; the checks' row comes back to name the refusal when they do not;
// - with one, the stored answer must hold the call as returned, which shows the number's id and the account's
//   currency, so those are read first and the second statement inserts the call, its event and the answer.
// The call's time is the database's clock (the statement's now(), or the checks' read when there is a key), the
// clock the claim's `initiated` time and the queue deadline are compared with, so its timeline starts in order.
// The live-status announcement (which wakes the worker) follows the commit (notify-call-changed.ts).
import { storedMachineDetection } from "@/server/calls/machine-detection";
import { sqlPool } from "@/server/db";
import type { IdempotencyCompletion } from "@/server/api/idempotency";
import { AppError, fieldError } from "@/server/errors";
import { newId, newSid } from "@/server/shared/ids";
import { assertRole, assertTenantActive, type Actor } from "@/server/tenancy";
import { CALL_WRITE_ROLE, type CallApiSurface, type CallView } from "@/server/calls/call-view";
import type { z } from "zod";
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

interface CallerRow {
  /** The account's number `from` is, or null. */
  numberId: string | null;
  voiceEnabled: boolean | null;
  /** The number may be a caller ID: provisioned, assigned, or claimed with its caller ID verified. */
  numberAllowed: boolean | null;
  /** `from` is a caller ID the account verified (CallerId). */
  callerIdVerified: boolean;
  status: string;
  suspendedReason: string | null;
  creditMicros: string;
  hasCredit: boolean;
  currency: string;
  maxQueueSeconds: number;
  /** The database's clock when the checks ran. */
  now: Date;
}

/** The database's clock in whole milliseconds, as timestamp(3) stores it and a JS Date holds it (no rounding apart). */
const NOW_MS = "date_trunc('milliseconds', now())";

/**
 * The account and what `from` is to it: one row (the number's columns null when it is not the account's number;
 * callerIdVerified when the account verified it as a caller ID). A number is a caller ID when it was provisioned
 * (and the provider confirmed it), assigned by staff, or is a claimed one whose caller ID was verified.
 */
const CALLER_SQL = `
  SELECT n.id AS "numberId", n."voiceEnabled",
    (n.origin = 'ASSIGNED' OR (n.origin = 'PROVISIONED' AND n."providerNumberId" IS NOT NULL) OR v.id IS NOT NULL) AS "numberAllowed",
    v.id IS NOT NULL AS "callerIdVerified",
    t.status, t."suspendedReason", t."creditMicros"::text AS "creditMicros",
    t."creditMicros" > 0 AS "hasCredit", t.currency, t."maxQueueSeconds", ${NOW_MS} AS now
  FROM "Tenant" t
    LEFT JOIN "PhoneNumber" n ON n."tenantId" = t.id AND n.e164 = $2
    LEFT JOIN "CallerId" v ON v."tenantId" = t.id AND v.e164 = $2 AND v."verifiedAt" IS NOT NULL
  WHERE t.id = $1`;

/** What assertCanPlace accepts, for the one-statement path to insert only then. */
const CALLER_PASSES = `caller.status <> 'SUSPENDED' AND caller."hasCredit" AND (
  (caller."numberId" IS NOT NULL AND caller."voiceEnabled" AND caller."numberAllowed") OR (caller."numberId" IS NULL AND caller."callerIdVerified"))`;

// Parameters shared by both paths: $1 tenant, $2 from, $3 call id, $4 to, $5–$16 the call's fields, $17 the time
// (the checks' read; null: this statement's now()), stored as UTC like Prisma stores it, $18 the event's id, $19 its
// data, $20 the seconds the call may wait queued (null: the account's maxQueueSeconds), $21 sendDigits, $22 fallbackUrl,
// $23 fallbackMethod, $24 machineDetection.
const AT = `(COALESCE($17::timestamptz, ${NOW_MS}) AT TIME ZONE 'UTC')`;
const CALL_COLUMNS = `id, "tenantId", direction, status, "from", "to", "phoneNumberId", url, method, "flowId", instructions,
  "statusCallbackUrl", "statusCallbackMethod", "statusCallbackEvents", "timeoutSeconds", "timeLimitSeconds", record,
  "apiKeyId", "apiSurface", currency, "queuedAt", "queueExpiresAt", "eventSequence", "createdAt", "updatedAt", "sendDigits", "fallbackUrl", "fallbackMethod",
  "machineDetection"`;
const callValues = (numberId: string, currency: string, maxQueueSeconds: string) =>
  `$3, $1, 'OUTBOUND_API', 'QUEUED', $2, $4, ${numberId}, $5, $6, $7, $8::jsonb, $9, $10, $11::text[], $12, $13, $14, $15, $16, ${currency}, ${AT},
   ${AT} + make_interval(secs => COALESCE($20::int, ${maxQueueSeconds})), 1, ${AT}, ${AT}, $21, $22, $23, $24::jsonb`;
/** The call's first timeline event (sequence 1, as writeCallTransitions writes every later one; `queued` has no status callback or webhook event). */
const QUEUED_EVENT = `INSERT INTO "CallEvent" (id, "callId", "tenantId", sequence, type, status, "occurredAt", data, "createdAt")
  SELECT $18, call.id, $1, 1, 'queued', 'QUEUED', ${AT}, $19::jsonb, ${AT} FROM call`;

/** Without an Idempotency-Key: the checks and, when they pass, the call and its event, in one statement. */
const PLACE_SQL = `
  WITH caller AS (${CALLER_SQL}), call AS (
    INSERT INTO "Call" (${CALL_COLUMNS}) SELECT ${callValues(`caller."numberId"`, "caller.currency", `caller."maxQueueSeconds"`)} FROM caller WHERE ${CALLER_PASSES}
    RETURNING id
  ), event AS (${QUEUED_EVENT})
  SELECT caller.*, EXISTS (SELECT 1 FROM call) AS placed FROM caller`;

/** With an Idempotency-Key, after CALLER_SQL: the call ($25 number, $26 currency, $27 the account's maxQueueSeconds), its event and the answer ($28–$30). */
const INSERT_SQL = `
  WITH call AS (
    INSERT INTO "Call" (${CALL_COLUMNS}) VALUES (${callValues("$25::text", "$26", "$27::int")})
    RETURNING id
  ), event AS (${QUEUED_EVENT}), answer AS (
    UPDATE "IdempotencyRecord" SET state = 'COMPLETED', "responseStatus" = $29, "responseBody" = $30
    WHERE id = $28 AND "tenantId" = $1 AND EXISTS (SELECT 1 FROM call)
  )
  SELECT call.id FROM call`;

/**
 * The refusals, in order: no account, a suspended one, no credit, a caller number that is neither the account's
 * nor a caller ID it verified, one without voice, one typed in but never verified.
 */
function assertCanPlace(caller: CallerRow | undefined, from: string): asserts caller is CallerRow {
  if (!caller) throw new AppError("NOT_FOUND", "account not found");
  assertTenantActive(caller);
  if (!caller.hasCredit) {
    throw new AppError("INSUFFICIENT_CREDIT", `insufficient credit: the account balance is ${caller.creditMicros} micro-${caller.currency}; add credit to place calls`, {
      details: { credit_balance_micros: caller.creditMicros, currency: caller.currency },
    });
  }
  if (!caller.numberId) {
    if (caller.callerIdVerified) return;
    throw fieldError("from", `${from} is not a phone number or verified caller ID of this account`);
  }
  if (!caller.voiceEnabled) throw fieldError("from", `voice is disabled on ${from}`);
  if (!caller.numberAllowed) throw fieldError("from", `${from} is not verified as a caller ID yet: verify it (a call speaks a code) or ask platform staff to assign it`);
}

/**
 * Places an outbound call: the call is stored `queued` and a worker claims it (claimQueuedCalls), paced by the
 * tenant's calls-per-second and concurrency limits. The account must be active, have credit, and own `from`.
 */
export async function createCall(actor: Actor, input: TCreateCallInput, opts: CreateCallOptions): Promise<CallView> {
  assertRole(actor, CALL_WRITE_ROLE);
  const parsed = ZCreateCallInput.parse(input);
  const pool = sqlPool();
  const id = newSid("CA");
  const machineDetection = storedMachineDetection(parsed);
  const values = (at: Date | null): unknown[] => [
    actor.tenantId, parsed.from, id, parsed.to, parsed.url ?? null, parsed.method, parsed.flowId ?? null,
    parsed.instructions === undefined ? null : JSON.stringify(parsed.instructions),
    parsed.statusCallback ?? null, parsed.statusCallbackMethod, parsed.statusCallbackEvents, parsed.timeout, parsed.timeLimit ?? null, parsed.record,
    actor.apiKeyId, opts.surface, at?.toISOString() ?? null,
    newId("cev"), JSON.stringify({ apiKeyId: actor.apiKeyId, userId: actor.userId, surface: opts.surface }),
    parsed.queueTimeout ?? null,
    parsed.sendDigits ?? null, parsed.fallbackUrl ?? null, parsed.fallbackMethod,
    machineDetection ? JSON.stringify(machineDetection) : null,
  ];

  let call: CallView;
  if (opts.idempotency) {
    const caller = (await pool.query<CallerRow>({ name: "irisx.createCall.caller", text: CALLER_SQL, values: [actor.tenantId, parsed.from] })).rows[0];
    assertCanPlace(caller, parsed.from);
    call = queuedCallView(actor, parsed, opts, caller, id);
    const answer = opts.idempotency(call);
    await pool.query({
      name: "irisx.createCall.insert",
      text: INSERT_SQL,
      values: [...values(caller.now), caller.numberId, caller.currency, caller.maxQueueSeconds, answer.recordId, answer.status, answer.body],
    });
  } else {
    const row = (await pool.query<CallerRow & { placed: boolean }>({ name: "irisx.createCall.place", text: PLACE_SQL, values: values(null) })).rows[0];
    assertCanPlace(row, parsed.from);
    // CALLER_PASSES mirrors assertCanPlace; a row that passes one and not the other is a bug, not a refusal.
    if (!row.placed) throw new Error("createCall: the account's checks pass but the statement placed no call");
    call = queuedCallView(actor, parsed, opts, row, id);
  }
  announceCallChanges([{ tenantId: call.tenantId, callId: call.id, status: call.status }]);
  return call;
}

/** The call as stored by either path (at the checks' time, which the insert used). */
function queuedCallView(actor: Actor, parsed: z.output<typeof ZCreateCallInput>, opts: CreateCallOptions, caller: CallerRow, id: string): CallView {
  const { now } = caller;
  return {
    id,
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
    purpose: null,
    createdAt: now,
    updatedAt: now,
  };
}
