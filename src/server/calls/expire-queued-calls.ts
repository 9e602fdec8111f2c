// Queued calls past their deadline (Call.queueExpiresAt: queuedAt + the call's queue_timeout or the tenant's
// maxQueueSeconds) end `failed` with QUEUE_TIMEOUT instead of being dialled late. The claim already skips them
// (claim-queued-calls.ts); this ends them properly: the CallEvent, status callback, `call.completed` and a CallRecord
// with billsec 0 and no charge (closeCalls). Every worker runs it in a loop whatever its switch link's state.
import { callTransaction } from "@/server/calls/call-transitions";
import { closeCalls } from "@/server/calls/close-call";
import { QUEUE_TIMEOUT_CAUSE } from "@/server/calls/hangup-causes";

export interface ExpireQueuedCallsInput {
  /** Most calls ended in this round (one transaction). */
  limit: number;
}

/**
 * Fails up to `limit` queued calls whose deadline has passed, oldest deadline first, and returns how many. The rows
 * are taken FOR UPDATE SKIP LOCKED and re-checked as still queued, so concurrent sweepers (and a claimer or an API
 * cancel holding a row) never end a call twice; the unique CallRecord.callId is the last guard.
 */
export async function expireQueuedCalls(input: ExpireQueuedCallsInput): Promise<number> {
  const limit = Math.max(0, Math.floor(input.limit));
  if (limit === 0) return 0;
  return callTransaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; now: Date }[]>`
      SELECT id, (now() AT TIME ZONE 'UTC') AS now FROM "Call"
      WHERE status = 'QUEUED' AND "queueExpiresAt" <= (now() AT TIME ZONE 'UTC')
      ORDER BY "queueExpiresAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    if (due.length === 0) return 0;
    const rows = await tx.call.findMany({ where: { id: { in: due.map((d) => d.id) }, status: "QUEUED" }, orderBy: { id: "asc" } });
    const endedAt = due[0]!.now;
    await closeCalls(
      tx,
      rows.map((row) => ({
        row,
        ending: {
          endedAt,
          hangupCause: QUEUE_TIMEOUT_CAUSE,
          sipStatus: null,
          durationSeconds: 0,
          billsec: 0,
          answeredAt: null,
          answeredBy: null,
          data: { queuedAt: row.queuedAt.toISOString(), queueExpiresAt: row.queueExpiresAt?.toISOString() ?? null },
        },
      })),
    );
    return rows.length;
  });
}
