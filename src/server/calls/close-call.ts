// Ending a call leg, once: the final status (hangup-causes.ts), the CallRecord with its rating, the credit debit
// and its ledger entry, the `completed` event, callback and webhook — all in the caller's transaction, on a call
// row the caller has locked (SELECT … FOR UPDATE). finalizeCall and the cancel of a queued call both end here.
import type { Call, CallRecord } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { loadTenantPricePlan, rateCall } from "@/server/billing/price-plan";
import { newId } from "@/server/shared/ids";
import { writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, isFinalCallStatus, toCallView, type CallView } from "@/server/calls/call-view";
import { finalStatusForHangup } from "@/server/calls/hangup-causes";

export interface CallEnding {
  endedAt: Date;
  hangupCause: string | null;
  sipStatus: number | null;
  /** Seconds from start to end; computed from the call's times when the switch gave none. */
  durationSeconds: number | null;
  /** Seconds from answer to end. */
  billsec: number;
  answeredAt: Date | null;
  answeredBy: string | null;
  data?: Record<string, unknown>;
}

/** Locks the call row for the rest of the transaction; null when there is no such call. */
export async function lockCall(tx: Tx, where: { callId?: string; channelUuid?: string; tenantId?: string }): Promise<string | null> {
  let rows: { id: string }[];
  if (where.callId) {
    rows = where.tenantId
      ? await tx.$queryRaw`SELECT id FROM "Call" WHERE id = ${where.callId} AND "tenantId" = ${where.tenantId} FOR UPDATE`
      : await tx.$queryRaw`SELECT id FROM "Call" WHERE id = ${where.callId} FOR UPDATE`;
  } else if (where.channelUuid) {
    rows = await tx.$queryRaw`SELECT id FROM "Call" WHERE "channelUuid" = ${where.channelUuid} FOR UPDATE`;
  } else {
    return null;
  }
  return rows[0]?.id ?? null;
}

export async function loadLockedCall(tx: Tx, callId: string) {
  return tx.call.findUniqueOrThrow({ where: { id: callId }, include: { ...CALL_VIEW_INCLUDE, tenant: { select: { accountSid: true } } } });
}

/** Ends a locked, not yet final call. Returns the final call and its record. */
export async function closeCall(tx: Tx, row: Call, ending: CallEnding): Promise<{ call: CallView; record: CallRecord }> {
  if (isFinalCallStatus(row.status)) throw new Error(`closeCall: call ${row.id} is already ${row.status}`);
  const answeredAt = ending.answeredAt ?? row.answeredAt;
  const answered = answeredAt !== null || ending.billsec > 0;
  const status = finalStatusForHangup({ hangupCause: ending.hangupCause, answered, endRequested: row.endRequestedStatus !== null });
  const billsec = answered ? Math.max(0, Math.round(ending.billsec)) : 0;
  const startedAt = row.initiatedAt ?? row.queuedAt;
  const durationSeconds = Math.max(0, Math.round(ending.durationSeconds ?? (ending.endedAt.getTime() - startedAt.getTime()) / 1000));

  const plan = await loadTenantPricePlan(tx, row.tenantId);
  const rating = rateCall(plan, row.direction, billsec);

  const updated = await tx.call.update({
    where: { id: row.id },
    data: {
      status,
      endedAt: ending.endedAt,
      answeredAt,
      durationSeconds,
      billsec,
      hangupCause: ending.hangupCause,
      sipStatus: ending.sipStatus,
      answeredBy: ending.answeredBy ?? row.answeredBy,
      priceMicros: rating.costMicros,
      eventSequence: { increment: 1 },
    },
    include: { ...CALL_VIEW_INCLUDE, tenant: { select: { accountSid: true } } },
  });
  const call = toCallView(updated);

  const record = await tx.callRecord.create({
    data: {
      id: newId("cdr"),
      callId: row.id,
      tenantId: row.tenantId,
      direction: row.direction,
      from: row.from,
      to: row.to,
      switchId: row.switchId,
      status,
      startedAt,
      answeredAt,
      endedAt: ending.endedAt,
      durationSeconds,
      billsec,
      hangupCause: ending.hangupCause,
      sipStatus: ending.sipStatus,
      answeredBy: call.answeredBy,
      recordingId: call.recordingIds[0] ?? null,
      ratePerMinuteMicros: rating.ratePerMinuteMicros,
      billingIncrementSeconds: rating.billingIncrementSeconds,
      billableSeconds: rating.billableSeconds,
      costMicros: rating.costMicros,
      currency: row.currency,
    },
  });

  if (rating.costMicros > 0n) {
    const [balance] = await tx.$queryRaw<{ creditMicros: bigint; currency: string }[]>`
      UPDATE "Tenant" SET "creditMicros" = "creditMicros" - ${rating.costMicros}, "updatedAt" = (now() AT TIME ZONE 'UTC')
      WHERE id = ${row.tenantId} RETURNING "creditMicros", currency`;
    await tx.creditLedgerEntry.create({
      data: {
        id: newId("cle"),
        tenantId: row.tenantId,
        amountMicros: -rating.costMicros,
        balanceAfter: balance!.creditMicros,
        currency: balance!.currency,
        reason: `call ${row.id} (${billsec}s, billed ${rating.billableSeconds}s)`,
      },
    });
  }

  await writeCallTransitions(tx, [
    {
      call,
      accountSid: updated.tenant.accountSid,
      type: "completed",
      status,
      at: ending.endedAt,
      sequence: updated.eventSequence,
      data: { hangupCause: ending.hangupCause, sipStatus: ending.sipStatus, durationSeconds, billsec, costMicros: rating.costMicros.toString(), ...ending.data },
    },
  ]);
  return { call, record };
}
