import { Prisma, type CallRecord } from "@/generated/prisma/client";
import { CALL_TRANSACTION_OPTIONS } from "@/server/calls/call-transitions";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { toCallView, type CallView } from "@/server/calls/call-view";
import { closeCall, loadLockedCall, lockCall } from "@/server/calls/close-call";

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
  let callId: string | null = null;
  try {
    return await db.$transaction(async (tx) => {
      callId = await lockCall(tx, { callId: input.callId, channelUuid: input.channelUuid });
      if (!callId) throw notFound("call");
      const row = await loadLockedCall(tx, callId);
      const record = await tx.callRecord.findUnique({ where: { callId } });
      if (record) return { call: toCallView(row), record, created: false };
      const closed = await closeCall(tx, row, {
        endedAt: input.endedAt,
        hangupCause: input.hangupCause,
        sipStatus: input.sipStatus ?? null,
        durationSeconds: input.durationSeconds ?? null,
        billsec: input.billsec,
        answeredAt: input.answeredAt ?? null,
        answeredBy: input.answeredBy ?? null,
        data: input.data,
      });
      return { ...closed, created: true };
    }, CALL_TRANSACTION_OPTIONS);
  } catch (e) {
    if (callId && isCallRecordConflict(e)) return existing(callId);
    throw e;
  }
}
