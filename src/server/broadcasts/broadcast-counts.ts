import type { BroadcastRecipientStatus } from "@/generated/prisma/client";
import { RECIPIENT_STATUSES } from "@/server/broadcasts/broadcasts.schemas";
import { db } from "@/server/db";

export type BroadcastCounts = Record<Lowercase<BroadcastRecipientStatus>, number> & {
  total: number;
  /** Taken by the provider (sent, and whatever it reported since). */
  accepted: number;
  /** No longer waiting to be sent (accepted, failed or cancelled). */
  settled: number;
};

const zero = () => Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s.toLowerCase(), 0])) as Record<Lowercase<BroadcastRecipientStatus>, number>;

/** Recipients by status for each broadcast (counted from the rows, so they never drift from the table). */
export async function broadcastCounts(broadcastIds: string[]): Promise<Map<string, BroadcastCounts>> {
  const groups = broadcastIds.length === 0 ? [] : await db.broadcastRecipient.groupBy({ by: ["broadcastId", "status"], where: { broadcastId: { in: broadcastIds } }, _count: { _all: true } });
  const byId = new Map(broadcastIds.map((id) => [id, zero()]));
  for (const g of groups) byId.get(g.broadcastId)![g.status.toLowerCase() as Lowercase<BroadcastRecipientStatus>] = g._count._all;
  return new Map(
    [...byId].map(([id, c]) => {
      const total = Object.values(c).reduce((a, b) => a + b, 0);
      const accepted = c.sent + c.delayed + c.delivered + c.bounced + c.complained;
      return [id, { ...c, total, accepted, settled: total - c.queued - c.sending }];
    }),
  );
}
