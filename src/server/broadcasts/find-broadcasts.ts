import { broadcastCounts } from "@/server/broadcasts/broadcast-counts";
import { db } from "@/server/db";

/** The broadcasts, newest first, with their recipients counted by status (the list's progress bars). */
export async function findBroadcasts(opts: { limit?: number } = {}) {
  const rows = await db.broadcast.findMany({
    orderBy: { createdAt: "desc" },
    take: Math.min(opts.limit ?? 100, 500),
    select: { id: true, subject: true, status: true, recipientCount: true, createdAt: true, sendStartedAt: true, completedAt: true, lastError: true },
  });
  const counts = await broadcastCounts(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, counts: counts.get(r.id)! }));
}
