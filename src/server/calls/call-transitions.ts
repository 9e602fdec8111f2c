// What every call transition writes besides the Call row, in the caller's transaction: the CallEvent (numbered
// with the sequence the transition's UPDATE took from Call.eventSequence), the status callback to the call's
// statusCallbackUrl when it subscribed to the event (Twilio form or native JSON), the tenant webhook event, and
// the live-status announcement (notify-call-changed.ts), sent once callTransaction has committed.
import type { CallStatus } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { emitWebhookEvents, type EmitWebhookEventInput } from "@/server/webhooks/emit-webhook-event";
import type { WebhookEventType } from "@/server/webhooks/webhook-event-types";
import { announceCallChanges, type CallChange } from "@/server/calls/notify-call-changed";
import { callDirectionName, callStatusName, toCallResource, type CallView } from "@/server/calls/call-view";
import type { StatusCallbackEvent } from "@/server/calls/calls.schemas";
import { notBeforeCallTimes } from "@/server/calls/call-timeline";

/** Status transitions, the API's end request, and timeline-only switch events (recordCallEvent). */
export type CallEventType = "queued" | "initiated" | "ringing" | "answered" | "completed" | "end_requested" | TimelineEventType;
export type TimelineEventType = "dtmf" | "machine_detected" | `${string}.${string}`;

export interface CallTransition {
  call: CallView;
  /** The tenant's Twilio AccountSid, for Twilio-form callbacks. */
  accountSid: string;
  type: CallEventType;
  /** The status the call moved to (null for events that are not a status change). */
  status: CallStatus | null;
  /** When it happened; written no earlier than the times `call` shows (call-timeline.ts). */
  at: Date;
  /** The sequence this event takes (the call's eventSequence after the transition's UPDATE). */
  sequence: number;
  data?: Record<string, unknown>;
}

const CALLBACK_EVENT: Partial<Record<string, StatusCallbackEvent>> = {
  initiated: "initiated",
  ringing: "ringing",
  answered: "answered",
  completed: "completed",
};

const WEBHOOK_EVENT: Partial<Record<string, WebhookEventType>> = {
  initiated: "call.initiated",
  ringing: "call.ringing",
  answered: "call.answered",
  completed: "call.completed",
};

export const TWILIO_API_VERSION = "2010-04-01";

/**
 * Options of every calls transaction. Bursts (an API client placing hundreds of calls, a worker finalizing a
 * batch) can queue for the pool's connections for longer than Prisma's 2 s default; waiting is better than failing.
 */
export const CALL_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

/** The changes each open call transaction has written, announced when it commits. */
const changesOf = new WeakMap<Tx, CallChange[]>();

/**
 * The transaction of every use-case that changes calls: CALL_TRANSACTION_OPTIONS, and the live-status changes
 * written by writeCallTransitions inside it announced after (and only if) it commits.
 */
export async function callTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const changes: CallChange[] = [];
  const result = await db.$transaction(async (tx) => {
    changesOf.set(tx, changes);
    return work(tx);
  }, CALL_TRANSACTION_OPTIONS);
  announceCallChanges(changes);
  return result;
}

/** RFC 2822 in UTC, as Twilio writes `Timestamp`: `Wed, 25 Nov 2026 10:16:00 +0000`. */
export function rfc2822(at: Date): string {
  return at.toUTCString().replace(/GMT$/, "+0000");
}

/** Twilio's status callback parameters (form fields, all strings). */
export function twilioCallbackParams(t: CallTransition): Record<string, string> {
  const { call } = t;
  const params: Record<string, string> = {
    CallSid: call.id,
    AccountSid: t.accountSid,
    From: call.from,
    To: call.to,
    Called: call.to,
    Caller: call.from,
    CallStatus: t.type === "initiated" ? "initiated" : callStatusName(call.status),
    Direction: callDirectionName(call.direction),
    ApiVersion: TWILIO_API_VERSION,
    SequenceNumber: String(t.sequence),
    Timestamp: rfc2822(t.at),
    CallbackSource: "call-progress-events",
  };
  if (call.parentCallId) params.ParentCallSid = call.parentCallId;
  if (t.type === "completed") {
    params.CallDuration = String(call.durationSeconds ?? 0);
    params.Duration = String(Math.ceil((call.billsec ?? 0) / 60));
    if (call.sipStatus !== null) params.SipResponseCode = String(call.sipStatus);
  }
  if (call.answeredBy) params.AnsweredBy = call.answeredBy;
  return params;
}

/** The native callback body and the data of the tenant webhook event. */
export function nativeCallPayload(t: CallTransition, event: string): Record<string, unknown> {
  return { event, call: toCallResource(t.call), sequence: t.sequence, timestamp: t.at.toISOString() };
}

/**
 * Writes the event rows of several transitions with one insert per table (unnest: the worker batches 100s). Each
 * event's time is clamped to the times its call view shows (the stages before it), so a call's timeline, its
 * callbacks' Timestamp and its webhooks never run backwards, whichever clock an event came from.
 */
export async function writeCallTransitions(tx: Tx, unclamped: readonly CallTransition[]): Promise<void> {
  if (unclamped.length === 0) return;
  const changes = changesOf.get(tx);
  if (!changes) throw new Error("writeCallTransitions runs inside callTransaction (its changes are announced at commit)");
  const transitions = unclamped.map((t) => ({ ...t, at: notBeforeCallTimes(t.at, t.call) }));
  const events = transitions.map((t) => ({ id: newId("cev"), ...t }));
  await tx.$executeRaw`
    INSERT INTO "CallEvent" (id, "callId", "tenantId", sequence, type, status, "occurredAt", data, "createdAt")
    SELECT u.id, u.call_id, u.tenant_id, u.sequence, u.type, u.status::"CallStatus", (u.at::timestamptz AT TIME ZONE 'UTC'), u.data::jsonb, (now() AT TIME ZONE 'UTC')
    FROM unnest(
      ${events.map((e) => e.id)}::text[], ${events.map((e) => e.call.id)}::text[], ${events.map((e) => e.call.tenantId)}::text[],
      ${events.map((e) => e.sequence)}::int[], ${events.map((e) => e.type)}::text[], ${events.map((e) => e.status)}::text[],
      ${events.map((e) => e.at.toISOString())}::text[], ${events.map((e) => JSON.stringify(e.data ?? {}))}::text[]
    ) AS u(id, call_id, tenant_id, sequence, type, status, at, data)`;

  const subscribed = transitions.filter((t) => {
    const event = CALLBACK_EVENT[t.type];
    return event !== undefined && t.call.statusCallbackUrl !== null && t.call.statusCallbackEvents.includes(event);
  });
  // Twilio numbers a call's callbacks 0, 1, 2… over the events its subscriber asked for (SequenceNumber), not over
  // every event of the call: continue from the callbacks this call already has.
  const twilioCallIds = [...new Set(subscribed.filter((t) => t.call.apiSurface === "twilio").map((t) => t.call.id))];
  const sent = new Map<string, number>();
  if (twilioCallIds.length > 0) {
    const counts = await tx.callbackDelivery.groupBy({ by: ["callId"], where: { callId: { in: twilioCallIds }, format: "twilio" }, _count: { _all: true } });
    for (const c of counts) if (c.callId) sent.set(c.callId, c._count._all);
  }
  const callbacks = subscribed.map((t) => {
    const twilio = t.call.apiSurface === "twilio";
    const callbackNumber = sent.get(t.call.id) ?? 0;
    if (twilio) sent.set(t.call.id, callbackNumber + 1);
    return {
      id: newId("cbd"),
      tenantId: t.call.tenantId,
      callId: t.call.id,
      url: t.call.statusCallbackUrl!,
      method: t.call.statusCallbackMethod,
      format: twilio ? "twilio" : "native",
      sequence: t.sequence,
      params: JSON.stringify(twilio ? { ...twilioCallbackParams(t), SequenceNumber: String(callbackNumber) } : nativeCallPayload(t, `call.${CALLBACK_EVENT[t.type]}`)),
    };
  });
  if (callbacks.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "CallbackDelivery" (id, "tenantId", "callId", url, method, format, sequence, params, "nextAttemptAt", "createdAt")
      SELECT u.id, u.tenant_id, u.call_id, u.url, u.method, u.format, u.sequence, u.params::jsonb, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
      FROM unnest(
        ${callbacks.map((c) => c.id)}::text[], ${callbacks.map((c) => c.tenantId)}::text[], ${callbacks.map((c) => c.callId)}::text[],
        ${callbacks.map((c) => c.url)}::text[], ${callbacks.map((c) => c.method)}::text[], ${callbacks.map((c) => c.format)}::text[],
        ${callbacks.map((c) => c.sequence)}::int[], ${callbacks.map((c) => c.params)}::text[]
      ) AS u(id, tenant_id, call_id, url, method, format, sequence, params)`;
  }

  const webhooks: EmitWebhookEventInput[] = transitions.flatMap((t) => {
    const type = WEBHOOK_EVENT[t.type];
    if (!type) return [];
    const { call, sequence, timestamp } = nativeCallPayload(t, type);
    return [{ tenantId: t.call.tenantId, type, data: { call, sequence, timestamp } }];
  });
  await emitWebhookEvents(tx, webhooks);
  // Live views (portal) and the worker hear of every change, once the transaction commits.
  for (const t of transitions) changes.push({ tenantId: t.call.tenantId, callId: t.call.id, status: t.call.status });
}
