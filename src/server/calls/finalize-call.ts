import { Prisma, type CallRecord } from "@/generated/prisma/client";
import { callTransaction } from "@/server/calls/call-transitions";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { callRefKey, indexByCallRef } from "@/server/calls/call-ref";
import { isFinalCallStatus, toCallView, type CallView } from "@/server/calls/call-view";
import { closeCalls, type CallEnding } from "@/server/calls/close-call";

export interface FinalizeCallInput {
  /** Either the call id or the FreeSWITCH channel uuid. */
  callId?: string;
  channelUuid?: string;
  endedAt: Date;
  /** FreeSWITCH `Hangup-Cause` (e.g. NORMAL_CLEARING), or the cause of a `-ERR` originate reply. */
  hangupCause: string | null;
  /** `variable_sip_term_status`, when there was a SIP final response. */
  sipStatus?: number | null;
  /** `variable_duration`; computed from the call's times when absent. */
  durationSeconds?: number | null;
  /** `variable_billsec` (0 for unanswered legs). */
  billsec: number;
  answeredAt?: Date | null;
  answeredBy?: string | null;
  /** Extra switch details for the timeline. */
  data?: Record<string, unknown>;
}

export interface FinalizeCallResult {
  call: CallView;
  record: CallRecord;
  /** False when the call had already been finalized: a repeat is a no-op returning the existing record. */
  created: boolean;
}

function isCallRecordConflict(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

/** One input's outcome in a batch: its result, or why that input failed (the rest of the batch stands). */
export type FinalizeCallOutcome = { ok: true; result: FinalizeCallResult } | { ok: false; error: unknown };

async function existing(callId: string): Promise<FinalizeCallResult> {
  const row = await db.call.findUniqueOrThrow({ where: { id: callId }, include: { recordings: { select: { id: true } }, callRecord: true } });
  if (!row.callRecord) throw new Error(`call ${callId} is final without a call record`);
  return { call: toCallView(row), record: row.callRecord, created: false };
}

/**
 * Ends a call leg exactly once (the worker calls it on CHANNEL_HANGUP_COMPLETE, on a failed originate, and from
 * reconcile): final status, CallRecord, rating, credit debit and ledger entry, `call.completed`, status callback.
 * The call row is locked first, so concurrent repeats wait and then see it final; the unique CallRecord.callId
 * is the second guard.
 */
export async function finalizeCall(input: FinalizeCallInput): Promise<FinalizeCallResult> {
  const [outcome] = await finalizeCalls([input]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.result;
}

/**
 * finalizeCall for many legs in one transaction (the worker batches the hang-ups of a busy switch): the rows are
 * locked in id order, legs already final return their record (`created: false`), the rest close together
 * (closeCalls). An input naming no call fails alone (NOT_FOUND); a conflict with a concurrent finalizer, which
 * aborts the transaction, is settled one leg at a time.
 */
export async function finalizeCalls(inputs: readonly FinalizeCallInput[]): Promise<FinalizeCallOutcome[]> {
  if (inputs.length === 0) return [];
  try {
    return await finalizeTogether(inputs);
  } catch (e) {
    if (!isCallRecordConflict(e)) throw e;
    if (inputs.length > 1) {
      const outcomes: FinalizeCallOutcome[] = [];
      for (const input of inputs) outcomes.push(...(await finalizeCalls([input]).catch((error: unknown) => [{ ok: false as const, error }])));
      return outcomes;
    }
    // Another finalizer recorded this leg first: its record stands.
    const input = inputs[0]!;
    const id = input.callId ?? (await db.call.findUnique({ where: { channelUuid: input.channelUuid! }, select: { id: true } }))?.id;
    if (!id) throw e;
    return [{ ok: true, result: await existing(id) }];
  }
}

async function finalizeTogether(inputs: readonly FinalizeCallInput[]): Promise<FinalizeCallOutcome[]> {
  return callTransaction(async (tx) => {
    const ids = inputs.flatMap((i) => (i.callId ? [i.callId] : []));
    const uuids = inputs.flatMap((i) => (!i.callId && i.channelUuid ? [i.channelUuid] : []));
    const locked = await tx.$queryRaw<{ id: string; channelUuid: string | null }[]>`
      SELECT id, "channelUuid" FROM "Call" WHERE id = ANY(${ids}::text[]) OR "channelUuid" = ANY(${uuids}::text[]) ORDER BY id FOR UPDATE`;
    const lockedByKey = indexByCallRef(locked);
    const rows = await tx.call.findMany({ where: { id: { in: locked.map((r) => r.id) } }, include: { recordings: { select: { id: true } }, callRecord: true } });
    const rowById = new Map(rows.map((r) => [r.id, r]));

    // The first input for a leg closes it; a repeat in the same batch sees it closed, as it would one later.
    const closing = new Map<string, { row: (typeof rows)[number]; ending: CallEnding }>();
    for (const input of inputs) {
      const id = lockedByKey.get(callRefKey(input))?.id;
      const row = id ? rowById.get(id) : undefined;
      if (!row || row.callRecord || isFinalCallStatus(row.status) || closing.has(row.id)) continue;
      closing.set(row.id, {
        row,
        ending: {
          endedAt: input.endedAt,
          hangupCause: input.hangupCause,
          sipStatus: input.sipStatus ?? null,
          durationSeconds: input.durationSeconds ?? null,
          billsec: input.billsec,
          answeredAt: input.answeredAt ?? null,
          answeredBy: input.answeredBy ?? null,
          data: input.data,
        },
      });
    }
    const order = [...closing.keys()];
    const closed = await closeCalls(tx, [...closing.values()]);
    const closedById = new Map(order.map((id, i) => [id, closed[i]!]));

    const reported = new Set<string>();
    return inputs.map((input): FinalizeCallOutcome => {
      const id = lockedByKey.get(callRefKey(input))?.id;
      const row = id ? rowById.get(id) : undefined;
      if (!id || !row) return { ok: false, error: notFound("call") };
      const done = closedById.get(id);
      if (done && !reported.has(id)) {
        reported.add(id);
        return { ok: true, result: { ...done, created: true } };
      }
      const record = done?.record ?? row.callRecord;
      if (!record) return { ok: false, error: new Error(`call ${id} is final without a call record`) };
      return { ok: true, result: { call: done?.call ?? toCallView(row), record, created: false } };
    });
  });
}
