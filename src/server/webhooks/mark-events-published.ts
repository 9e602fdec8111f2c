import type { Tx } from "@/server/db";

export async function markEventsPublished(tx: Tx, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await tx.webhookEvent.updateMany({
    where: { id: { in: eventIds }, publishedAt: null },
    data: { publishedAt: new Date(), publishAttempts: { increment: 1 }, lastPublishError: null },
  });
}
