import type { Tx } from "@/server/db";

/** The rows stay unpublished (the next relay pass retries them); the count and reason show in diagnostics. */
export async function recordEventPublishFailure(tx: Tx, eventIds: string[], error: string): Promise<void> {
  if (eventIds.length === 0) return;
  await tx.webhookEvent.updateMany({
    where: { id: { in: eventIds } },
    data: { publishAttempts: { increment: 1 }, lastPublishError: error.slice(0, 1000) },
  });
}
