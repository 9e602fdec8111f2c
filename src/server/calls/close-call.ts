// Ending a call leg, once: the final status (hangup-causes.ts), the CallRecord with its rating, the credit debit
// and its ledger entry, the `completed` event, callback and webhook — all in the caller's transaction, on a call
// row the caller has locked (SELECT … FOR UPDATE). finalizeCall and the cancel of a queued call both end here.
import type { Call, CallRecord } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { DEFAULT_PRICE_PLAN, loadTenantPricePlans, rateCall } from "@/server/billing/price-plan";
import { newId } from "@/server/shared/ids";
import { writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, isFinalCallStatus, toCallView, type CallView } from "@/server/calls/call-view";
import { finalStatusForHangup } from "@/server/calls/hangup-causes";
import { notBeforeCallTimes } from "@/server/calls/call-timeline";

export interface CallEnding {
  /** When the switch (or whoever ends it) saw the end; stored no earlier than the call's earlier times. */
  endedAt: Date;
  hangupCause: string | null;
  sipStatus: number | null;
  /** Seconds from start to end; computed from the call's times when the switch gave none. */
  durationSeconds: number | null;
  /** Seconds from answer to end: the switch's own figure (variable_billsec), kept as given for an answered call. */
  billsec: number;
  /** The switch's answer time, for a call whose answer the timeline has not recorded (it keeps its own otherwise). */
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
  return (await closeCalls(tx, [{ row, ending }]))[0]!;
}

/**
 * Ends locked, not yet final calls (distinct rows) in a fixed number of statements, whatever their number: the
 * calls, their records, one debit per tenant with a ledger entry per rated call, the `completed` transitions.
 * Returns each call's final view and record, in the order given.
 */
export async function closeCalls(tx: Tx, items: readonly { row: Call; ending: CallEnding }[]): Promise<{ call: CallView; record: CallRecord }[]> {
  if (items.length === 0) return [];
  const plans = await loadTenantPricePlans(
    tx,
    items.map((i) => i.row.tenantId),
  );
  const now = new Date();
  const closing = items.map(({ row, ending }) => {
    if (isFinalCallStatus(row.status)) throw new Error(`closeCall: call ${row.id} is already ${row.status}`);
    // The answer the timeline already shows stands (it was clamped when written); the end follows every earlier time.
    const answeredAt = row.answeredAt ?? (ending.answeredAt ? notBeforeCallTimes(ending.answeredAt, row) : null);
    const endedAt = notBeforeCallTimes(ending.endedAt, { ...row, answeredAt });
    const answered = answeredAt !== null || ending.billsec > 0;
    const status = finalStatusForHangup({ hangupCause: ending.hangupCause, answered, endRequested: row.endRequestedStatus !== null });
    const billsec = answered ? Math.max(0, Math.round(ending.billsec)) : 0;
    const startedAt = row.initiatedAt ?? row.queuedAt;
    const durationSeconds = Math.max(0, Math.round(ending.durationSeconds ?? (endedAt.getTime() - startedAt.getTime()) / 1000));
    const rating = rateCall(plans.get(row.tenantId) ?? DEFAULT_PRICE_PLAN, row.direction, billsec);
    return { row, ending, status, answeredAt, endedAt, billsec, startedAt, durationSeconds, rating, answeredBy: ending.answeredBy ?? row.answeredBy };
  });

  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  await tx.$executeRaw`
    UPDATE "Call" c SET
      status = u.status::"CallStatus", "endedAt" = (u.ended_at::timestamptz AT TIME ZONE 'UTC'),
      "answeredAt" = (u.answered_at::timestamptz AT TIME ZONE 'UTC'), "durationSeconds" = u.duration, billsec = u.billsec,
      "hangupCause" = u.hangup_cause, "sipStatus" = u.sip_status, "answeredBy" = u.answered_by, "priceMicros" = u.price,
      "eventSequence" = c."eventSequence" + 1, "updatedAt" = (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    FROM unnest(
      ${closing.map((c) => c.row.id)}::text[], ${closing.map((c) => c.status)}::text[], ${closing.map((c) => c.endedAt.toISOString())}::text[],
      ${closing.map((c) => iso(c.answeredAt))}::text[], ${closing.map((c) => c.durationSeconds)}::int[], ${closing.map((c) => c.billsec)}::int[],
      ${closing.map((c) => c.ending.hangupCause)}::text[], ${closing.map((c) => c.ending.sipStatus)}::int[], ${closing.map((c) => c.answeredBy)}::text[],
      ${closing.map((c) => c.rating.costMicros.toString())}::bigint[]
    ) AS u(id, status, ended_at, answered_at, duration, billsec, hangup_cause, sip_status, answered_by, price)
    WHERE c.id = u.id`;
  const updated = await tx.call.findMany({ where: { id: { in: closing.map((c) => c.row.id) } }, include: { ...CALL_VIEW_INCLUDE, tenant: { select: { accountSid: true } } } });
  const updatedById = new Map(updated.map((r) => [r.id, r]));

  const results = closing.map((c) => {
    const row = updatedById.get(c.row.id);
    if (!row) throw new Error(`closeCall: call ${c.row.id} vanished while locked`);
    const call = toCallView(row);
    const record: CallRecord = {
      id: newId("cdr"),
      callId: c.row.id,
      tenantId: c.row.tenantId,
      direction: c.row.direction,
      from: c.row.from,
      to: c.row.to,
      switchId: c.row.switchId,
      status: c.status,
      startedAt: c.startedAt,
      answeredAt: c.answeredAt,
      endedAt: c.endedAt,
      durationSeconds: c.durationSeconds,
      billsec: c.billsec,
      hangupCause: c.ending.hangupCause,
      sipStatus: c.ending.sipStatus,
      answeredBy: call.answeredBy,
      recordingId: call.recordingIds[0] ?? null,
      ratePerMinuteMicros: c.rating.ratePerMinuteMicros,
      billingIncrementSeconds: c.rating.billingIncrementSeconds,
      billableSeconds: c.rating.billableSeconds,
      costMicros: c.rating.costMicros,
      currency: c.row.currency,
      createdAt: now,
    };
    return { closing: c, call, accountSid: row.tenant.accountSid, record };
  });
  // The unique CallRecord.callId is the last guard against a second record (P2002 aborts the transaction).
  await tx.callRecord.createMany({ data: results.map((r) => r.record) });

  // One debit per tenant; each rated call gets its ledger entry, with the balance after it, in the order given.
  const charged = results.filter((r) => r.record.costMicros > 0n);
  if (charged.length > 0) {
    const totals = new Map<string, bigint>();
    for (const r of charged) totals.set(r.record.tenantId, (totals.get(r.record.tenantId) ?? 0n) + r.record.costMicros);
    const tenantIds = [...totals.keys()].sort();
    const balances = await tx.$queryRaw<{ id: string; creditMicros: bigint; currency: string }[]>`
      UPDATE "Tenant" t SET "creditMicros" = t."creditMicros" - u.total, "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM unnest(${tenantIds}::text[], ${tenantIds.map((id) => totals.get(id)!.toString())}::bigint[]) AS u(id, total)
      WHERE t.id = u.id
      RETURNING t.id, t."creditMicros", t.currency`;
    const running = new Map(balances.map((b) => [b.id, { balance: b.creditMicros + totals.get(b.id)!, currency: b.currency }]));
    await tx.creditLedgerEntry.createMany({
      data: charged.map((r) => {
        const account = running.get(r.record.tenantId)!;
        account.balance -= r.record.costMicros;
        return {
          id: newId("cle"),
          tenantId: r.record.tenantId,
          amountMicros: -r.record.costMicros,
          balanceAfter: account.balance,
          currency: account.currency,
          reason: `call ${r.record.callId} (${r.record.billsec}s, billed ${r.record.billableSeconds}s)`,
        };
      }),
    });
  }

  await writeCallTransitions(
    tx,
    results.map(({ closing: c, call, accountSid }) => ({
      call,
      accountSid,
      type: "completed" as const,
      status: c.status,
      at: c.endedAt,
      sequence: call.eventSequence,
      data: { hangupCause: c.ending.hangupCause, sipStatus: c.ending.sipStatus, durationSeconds: c.durationSeconds, billsec: c.billsec, costMicros: c.rating.costMicros.toString(), ...c.ending.data },
    })),
  );
  return results.map(({ call, record }) => ({ call, record }));
}
