// Calls by their sid (CA…, whole or its start), by the FreeSWITCH channel uuid of their leg, or by the sid of a
// recording made on them (RE…). All on unique btrees: a million calls cost one index probe or a short range.
import { db } from "@/server/db";
import { describeMatches } from "@/server/admin/global-search/hits";
import { matchId } from "@/server/admin/global-search/id-match";
import type { Match, Searcher } from "@/server/admin/global-search/search-types";

/** The calls the recordings matching `key` were made on. */
async function callsOfRecordings(key: Parameters<typeof matchId>[0]["key"], limit: number): Promise<Match[]> {
  const recordings = await matchId({ table: "Recording", label: "recording sid", key, limit });
  if (recordings.length === 0) return [];
  const rows = await db.recording.findMany({ where: { id: { in: recordings.map((r) => r.id) } }, select: { id: true, callId: true } });
  const callOf = new Map(rows.map((r) => [r.id, r.callId]));
  return recordings.flatMap((r) => (callOf.has(r.id) ? [{ ...r, id: callOf.get(r.id)! }] : []));
}

export const searchCalls: Searcher = {
  kind: "call",
  async search(q, limit) {
    const matches = await Promise.all([
      q.sid?.prefix === "CA" ? matchId({ table: "Call", label: "sid", key: q.sid, limit }) : [],
      q.sid?.prefix === "RE" ? callsOfRecordings(q.sid, limit) : [],
      q.uuid ? matchId({ table: "Call", column: "channelUuid", label: "channel uuid", key: { value: q.uuid, whole: true }, limit }) : [],
    ]);
    return describeMatches(
      matches.flat(),
      (ids) =>
        db.call.findMany({
          where: { id: { in: ids } },
          select: { id: true, from: true, to: true, status: true, direction: true, createdAt: true, tenant: { select: { id: true, name: true } } },
        }),
      (c) => ({
        kind: "call",
        title: c.id,
        detail: `${c.from} → ${c.to} · ${c.status.toLowerCase().replace(/_/g, " ")} · ${c.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC · ${c.tenant.name}`,
        tenant: c.tenant,
      }),
    );
  },
};
