import { callTransaction, writeCallTransitions, type TimelineEventType } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, toCallView } from "@/server/calls/call-view";

export interface RecordCallEventInput {
  /** Either the call id or the FreeSWITCH channel uuid. */
  callId?: string;
  channelUuid?: string;
  /** What happened, for the timeline: `dtmf`, `recording.started`, `machine_detected`, … (not a status change). */
  type: TimelineEventType;
  at: Date;
  data?: Record<string, unknown>;
}

/**
 * Appends a notable switch event that is not a status change (a DTMF digit, say) to a call's timeline, with the
 * call's next sequence. No callback or webhook: those are for status changes. Returns false for an unknown call.
 */
export async function recordCallEvent(input: RecordCallEventInput): Promise<boolean> {
  if (!input.callId && !input.channelUuid) throw new Error("recordCallEvent needs a callId or a channelUuid");
  return callTransaction(async (tx) => {
    const bumped = await tx.call.updateManyAndReturn({
      where: input.callId ? { id: input.callId } : { channelUuid: input.channelUuid },
      data: { eventSequence: { increment: 1 } },
      select: { id: true },
    });
    if (!bumped[0]) return false;
    const row = await tx.call.findUniqueOrThrow({ where: { id: bumped[0].id }, include: { ...CALL_VIEW_INCLUDE, tenant: { select: { accountSid: true } } } });
    await writeCallTransitions(tx, [{ call: toCallView(row), accountSid: row.tenant.accountSid, type: input.type, status: null, at: input.at, sequence: row.eventSequence, data: input.data }]);
    return true;
  });
}
