import type { z } from "zod";
import { broadcastCounts } from "@/server/broadcasts/broadcast-counts";
import { ZBroadcastIdInput, ZBroadcastSegment } from "@/server/broadcasts/broadcasts.schemas";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";

/** One broadcast: its content, segment, who wrote, sent or cancelled it, and its recipients counted by status. */
export async function getBroadcast(input: z.input<typeof ZBroadcastIdInput>) {
  const { broadcastId } = ZBroadcastIdInput.parse(input);
  const b = await db.broadcast.findUnique({ where: { id: broadcastId } });
  if (!b) throw notFound("broadcast");
  const staffIds = [b.createdById, b.sentById, b.cancelledById].filter((id): id is string => id !== null);
  const [people, counts] = await Promise.all([db.user.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true, email: true } }), broadcastCounts([b.id])]);
  const who = (id: string | null) => people.find((p) => p.id === id) ?? null;
  const segment = ZBroadcastSegment.safeParse(b.segment);
  return {
    id: b.id,
    subject: b.subject,
    bodyMarkdown: b.bodyMarkdown,
    segment: segment.success ? segment.data : ZBroadcastSegment.parse({}),
    status: b.status,
    recipientCount: b.recipientCount,
    createdAt: b.createdAt,
    sendStartedAt: b.sendStartedAt,
    completedAt: b.completedAt,
    nextAttemptAt: b.nextAttemptAt,
    lastError: b.lastError,
    createdBy: who(b.createdById),
    sentBy: who(b.sentById),
    cancelledBy: who(b.cancelledById),
    counts: counts.get(b.id)!,
  };
}
