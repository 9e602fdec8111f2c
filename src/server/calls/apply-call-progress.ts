import type { CallStatus } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { CALL_TRANSACTION_OPTIONS, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_VIEW_INCLUDE, toCallView, type CallView } from "@/server/calls/call-view";

export interface ApplyCallProgressInput {
  /** Either the call id or the FreeSWITCH channel uuid. */
  callId?: string;
  channelUuid?: string;
  /** RINGING on CHANNEL_PROGRESS / CHANNEL_PROGRESS_MEDIA, IN_PROGRESS on CHANNEL_ANSWER. */
  status: "RINGING" | "IN_PROGRESS";
  /** When the switch saw it (the event's Event-Date-Timestamp). */
  at: Date;
  /** Answering-machine detection result, when known at answer. */
  answeredBy?: string | null;
  /** Extra switch details for the timeline. */
  data?: Record<string, unknown>;
}

export interface ApplyCallProgressResult {
  /** False when the call was already at or past this status (a repeated or late event): nothing was written. */
  applied: boolean;
  call: CallView | null;
}

/** The statuses each progress may come from; anything else (a repeat, a late event, a final call) is a no-op. */
const FROM: Record<ApplyCallProgressInput["status"], CallStatus[]> = {
  RINGING: ["INITIATED"],
  IN_PROGRESS: ["INITIATED", "RINGING"],
};

/**
 * Moves a call forward to ringing or in-progress, once: a conditional UPDATE (status still before the target)
 * takes the next event sequence, then the CallEvent, the status callback and `call.ringing` / `call.answered`.
 */
export async function applyCallProgress(input: ApplyCallProgressInput): Promise<ApplyCallProgressResult> {
  if (!input.callId && !input.channelUuid) throw new Error("applyCallProgress needs a callId or a channelUuid");
  return db.$transaction(async (tx) => {
    const ringing = input.status === "RINGING";
    const updated = await tx.call.updateManyAndReturn({
      where: {
        ...(input.callId ? { id: input.callId } : { channelUuid: input.channelUuid }),
        status: { in: FROM[input.status] },
      },
      data: {
        status: input.status,
        ...(ringing ? { ringingAt: input.at } : { answeredAt: input.at, ...(input.answeredBy ? { answeredBy: input.answeredBy } : {}) }),
        eventSequence: { increment: 1 },
      },
      select: { id: true, eventSequence: true },
    });
    const hit = updated[0];
    if (!hit) {
      const current = await tx.call.findFirst({ where: input.callId ? { id: input.callId } : { channelUuid: input.channelUuid }, include: CALL_VIEW_INCLUDE });
      return { applied: false, call: current ? toCallView(current) : null };
    }
    const row = await tx.call.findUniqueOrThrow({ where: { id: hit.id }, include: { ...CALL_VIEW_INCLUDE, tenant: { select: { accountSid: true } } } });
    const call = toCallView(row);
    await writeCallTransitions(tx, [
      {
        call,
        accountSid: row.tenant.accountSid,
        type: ringing ? "ringing" : "answered",
        status: input.status,
        at: input.at,
        sequence: hit.eventSequence,
        data: { ...(input.answeredBy ? { answeredBy: input.answeredBy } : {}), ...input.data },
      },
    ]);
    return { applied: true, call };
  }, CALL_TRANSACTION_OPTIONS);
}
