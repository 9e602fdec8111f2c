// Published events whose fan-out never completed: the run that should have created their deliveries failed
// for good (e.g. the database was down longer than Inngest's retries). The relay will not send them again
// (they are published) and Inngest would drop a re-send under the same id, so the sweeper fans them out anew.
import { db } from "@/server/db";

/** How long a published event may wait for its fan-out (queueing, step retries) before it counts as stuck. */
const UNFANNED_EVENT_MARGIN_MS = 30 * 60_000;

/** `marginMs`: the embedded engine fans out in the same pass as it publishes, so a minute already means stuck. */
export async function findUnfannedWebhookEvents(opts: { now?: Date; limit?: number; marginMs?: number } = {}): Promise<{ id: string }[]> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - (opts.marginMs ?? UNFANNED_EVENT_MARGIN_MS));
  return db.webhookEvent.findMany({
    where: { fannedOutAt: null, publishedAt: { not: null, lt: cutoff } },
    select: { id: true },
    orderBy: { publishedAt: "asc" },
    take: opts.limit ?? 500,
  });
}
