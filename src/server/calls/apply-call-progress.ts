import { Prisma } from "@/generated/prisma/client";
import { callTransaction, writeCallTransitions, type CallTransition } from "@/server/calls/call-transitions";
import { callRefKey, indexByCallRef } from "@/server/calls/call-ref";
import { CALL_VIEW_INCLUDE, toCallView, type CallView } from "@/server/calls/call-view";

export interface ApplyCallProgressInput {
  /** Either the call id or the FreeSWITCH channel uuid. */
  callId?: string;
  channelUuid?: string;
  /** RINGING on CHANNEL_PROGRESS / CHANNEL_PROGRESS_MEDIA, IN_PROGRESS on CHANNEL_ANSWER. */
  status: "RINGING" | "IN_PROGRESS";
  /** When the switch saw it (the event's Event-Date-Timestamp); stored no earlier than the call's earlier times (call-timeline.ts). */
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

/**
 * Moves a call forward to ringing or in-progress, once: a conditional UPDATE (status still before the target)
 * takes the next event sequence, then the CallEvent, the status callback and `call.ringing` / `call.answered`. The
 * time is the switch's, clamped to the call's earlier times (a switch clock behind the database's cannot put the
 * answer before the start).
 */
export async function applyCallProgress(input: ApplyCallProgressInput): Promise<ApplyCallProgressResult> {
  return (await applyCallProgressBatch([input]))[0]!;
}

/**
 * applyCallProgress for many calls in one transaction (the worker batches the ringing and answer events of a busy
 * switch): one conditional UPDATE per way of naming calls, one read, one write of the transitions. Inputs for the
 * same call apply in the order given. Results are in the order of the inputs.
 */
export async function applyCallProgressBatch(inputs: readonly ApplyCallProgressInput[]): Promise<ApplyCallProgressResult[]> {
  for (const input of inputs) if (!input.callId && !input.channelUuid) throw new Error("applyCallProgress needs a callId or a channelUuid");
  if (inputs.length === 0) return [];
  // A call named twice moves in rounds: one UPDATE cannot change a row twice.
  const rounds: { input: ApplyCallProgressInput; index: number }[][] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const round = seen.get(callRefKey(input)) ?? 0;
    seen.set(callRefKey(input), round + 1);
    (rounds[round] ??= []).push({ input, index });
  });

  return callTransaction(async (tx) => {
    const applied = new Map<number, { id: string; eventSequence: number; at: Date }>();
    for (const round of rounds) {
      for (const byUuid of [false, true]) {
        const part = round.filter(({ input }) => (input.callId === undefined) === byUuid);
        if (part.length === 0) continue;
        const keys = part.map(({ input }) => (byUuid ? input.channelUuid! : input.callId!));
        // GREATEST skips nulls: a call answered without ringing is clamped to its initiated (or queued) time.
        const hits = await tx.$queryRaw<{ ord: bigint; id: string; eventSequence: number; at: Date }[]>`
          UPDATE "Call" c SET
            status = u.status::"CallStatus",
            "ringingAt" = CASE WHEN u.status = 'RINGING' THEN GREATEST((u.at::timestamptz AT TIME ZONE 'UTC'), c."initiatedAt", c."queuedAt") ELSE c."ringingAt" END,
            "answeredAt" = CASE WHEN u.status = 'IN_PROGRESS' THEN GREATEST((u.at::timestamptz AT TIME ZONE 'UTC'), c."ringingAt", c."initiatedAt", c."queuedAt") ELSE c."answeredAt" END,
            "answeredBy" = COALESCE(u.answered_by, c."answeredBy"),
            "eventSequence" = c."eventSequence" + 1,
            "updatedAt" = (now() AT TIME ZONE 'UTC')
          FROM unnest(
            ${keys}::text[], ${part.map(({ input }) => input.status)}::text[], ${part.map(({ input }) => input.at.toISOString())}::text[],
            ${part.map(({ input }) => input.answeredBy ?? null)}::text[]
          ) WITH ORDINALITY AS u(key, status, at, answered_by, ord)
          WHERE ${byUuid ? Prisma.sql`c."channelUuid" = u.key` : Prisma.sql`c.id = u.key`}
            AND (c.status = 'INITIATED' OR (u.status = 'IN_PROGRESS' AND c.status = 'RINGING'))
          RETURNING u.ord, c.id, c."eventSequence", CASE WHEN u.status = 'RINGING' THEN c."ringingAt" ELSE c."answeredAt" END AS at`;
        for (const hit of hits) applied.set(part[Number(hit.ord) - 1]!.index, { id: hit.id, eventSequence: hit.eventSequence, at: hit.at });
      }
    }

    const callIds = inputs.flatMap((i) => (i.callId ? [i.callId] : []));
    const uuids = inputs.flatMap((i) => (i.callId ? [] : [i.channelUuid!]));
    const rows = await tx.call.findMany({
      where: { OR: [{ id: { in: callIds } }, { channelUuid: { in: uuids } }] },
      include: { ...CALL_VIEW_INCLUDE, tenant: { select: { accountSid: true } } },
    });
    const rowByKey = indexByCallRef(rows);

    const transitions: CallTransition[] = [];
    const results = inputs.map((input, index): ApplyCallProgressResult => {
      const row = rowByKey.get(callRefKey(input));
      const hit = applied.get(index);
      if (!row) return { applied: false, call: null };
      if (!hit) return { applied: false, call: toCallView(row) };
      // The view as this transition left the call (a later round for the same call moves it further).
      const call: CallView = {
        ...toCallView(row),
        status: input.status,
        eventSequence: hit.eventSequence,
        // A ringing call is not answered yet, whatever a later round of this batch did.
        ...(input.status === "RINGING" ? { ringingAt: hit.at, answeredAt: null } : { answeredAt: hit.at }),
      };
      transitions.push({
        call,
        accountSid: row.tenant.accountSid,
        type: input.status === "RINGING" ? "ringing" : "answered",
        status: input.status,
        at: hit.at,
        sequence: hit.eventSequence,
        data: { ...(input.answeredBy ? { answeredBy: input.answeredBy } : {}), ...input.data },
      });
      return { applied: true, call };
    });
    await writeCallTransitions(tx, transitions);
    return results;
  });
}
