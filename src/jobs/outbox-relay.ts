// Publishes the webhook outbox to Inngest. Each pass locks a batch of unpublished rows (SKIP LOCKED, so app
// instances and the cron can run passes side by side), sends them in one call and marks them published in the
// same transaction. If the send fails the rows stay unpublished with the failure counted, and the next pass
// sends them again: an Inngest outage delays webhooks, it never loses them. Each Inngest event carries the
// outbox id as its `id`, so a row re-sent after an unlucky crash is de-duplicated by Inngest.
import { observeOutboxPublish } from "@/server/metrics/registry";
import { env } from "@/env";
import { inngest } from "@/jobs/client";
import { webhookEventCreated } from "@/jobs/events";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { claimUnpublishedEvents } from "@/server/webhooks/claim-unpublished-events";
import { markEventsPublished } from "@/server/webhooks/mark-events-published";
import { recordEventPublishFailure } from "@/server/webhooks/record-event-publish-failure";

export type OutboxEventPayload = ReturnType<typeof webhookEventCreated.create>;
export type SendOutboxEvents = (events: OutboxEventPayload[]) => Promise<unknown>;

const SEND_TIMEOUT_MS = 20_000;

export interface RelayOutboxResult {
  published: number;
  failed: number;
  error: string | null;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sending to Inngest timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (err: unknown) => (clearTimeout(timer), reject(err instanceof Error ? err : new Error(String(err)))),
    );
  });
}

/** One pass over at most `limit` rows. */
export async function relayOutbox(opts: { send?: SendOutboxEvents; limit?: number } = {}): Promise<RelayOutboxResult> {
  const send: SendOutboxEvents = opts.send ?? ((events) => inngest.send(events));
  const limit = opts.limit ?? 100;
  return db.$transaction(
    async (tx) => {
      const events = await claimUnpublishedEvents(tx, limit);
      if (events.length === 0) return { published: 0, failed: 0, error: null };
      const ids = events.map((e) => e.id);
      try {
        await withTimeout(
          send(events.map((e) => webhookEventCreated.create({ eventId: e.id }, { id: e.id }))),
          SEND_TIMEOUT_MS,
        );
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        await recordEventPublishFailure(tx, ids, error);
        return { published: 0, failed: ids.length, error };
      }
      await markEventsPublished(tx, ids);
      return { published: ids.length, failed: 0, error: null };
    },
    { timeout: SEND_TIMEOUT_MS + 10_000, maxWait: 10_000 },
  );
}

/** Relays until the outbox is empty or a send fails (then the next tick retries). */
export async function drainOutbox(opts: { send?: SendOutboxEvents; limit?: number } = {}): Promise<RelayOutboxResult> {
  const total: RelayOutboxResult = { published: 0, failed: 0, error: null };
  for (;;) {
    const pass = await relayOutbox(opts);
    total.published += pass.published;
    total.failed += pass.failed;
    total.error = pass.error;
    if (pass.error || pass.published < (opts.limit ?? 100)) {
      observeOutboxPublish(total);
      return total;
    }
  }
}

/**
 * Runs the relay every OUTBOX_RELAY_INTERVAL_MS in this process (0 turns it off). Returns a stop function.
 * Passes never overlap; a failing pass is logged once per error change, not every tick.
 */
export function startOutboxRelay(opts: { intervalMs?: number; send?: SendOutboxEvents } = {}): () => void {
  const intervalMs = opts.intervalMs ?? env.OUTBOX_RELAY_INTERVAL_MS;
  if (intervalMs <= 0) return () => {};
  let running = false;
  let lastError: string | null = null;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await drainOutbox({ send: opts.send });
      if (result.error && result.error !== lastError) {
        logger.warn({ error: result.error, pending: result.failed }, "webhook outbox: could not publish to Inngest; events stay queued and are retried");
      } else if (!result.error && lastError) {
        logger.info({ published: result.published }, "webhook outbox: publishing to Inngest again");
      }
      lastError = result.error;
    } catch (err) {
      logger.error({ err }, "webhook outbox relay pass failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
