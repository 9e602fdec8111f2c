// The background functions (webhook fan-out, delivery on its retry schedule, the daily recording retention, the purge
// of deleted tenants, the health sample every minute, the broadcast sender) run in the app's own process when no
// Inngest is configured, so the embedded default delivers webhooks too. Their state is PostgreSQL's, as with Inngest:
// the outbox (published or not), each delivery's status, attempt count and nextAttemptAt, the attempts made. A runner
// that stops mid-schedule loses nothing: the next one (this process after a restart, or another app process) picks
// every due delivery up where it stands. Same use-cases as the Inngest functions in src/jobs/functions; only the
// scheduling differs.
import { env } from "@/env";
import { recordHealthSample } from "@/server/admin/record-health-sample";
import { runBroadcastSender } from "@/server/broadcasts/run-broadcast-sender";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { runContactImports } from "@/server/contacts/run-contact-imports";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { deleteExpiredRecordings } from "@/server/recordings/delete-expired-recordings";
import { purgeDeletedTenants } from "@/server/admin/purge-deleted-tenants";
import { purgeWebhookReceipts } from "@/server/messages/purge-webhook-receipts";
import { startCallbackSender } from "@/server/calls/callbacks/send-due-callbacks";
import { runAutomation } from "@/server/automation/run-automation";
import { fetchInboundMedia } from "@/server/messages/inbound-media/fetch-inbound-media";
import { claimDueWebhookDeliveries } from "@/server/webhooks/claim-due-webhook-deliveries";
import { claimUnpublishedEvents } from "@/server/webhooks/claim-unpublished-events";
import { createWebhookDeliveries } from "@/server/webhooks/create-webhook-deliveries";
import { deliverWebhookAttempt, type DeliverWebhookAttemptOptions } from "@/server/webhooks/deliver-webhook-attempt";
import { disableFailingEndpoint } from "@/server/webhooks/disable-failing-endpoint";
import { findUnfannedWebhookEvents } from "@/server/webhooks/find-unfanned-webhook-events";
import { markEventsPublished } from "@/server/webhooks/mark-events-published";
import { markWebhookDeliveryFailed } from "@/server/webhooks/mark-webhook-delivery-failed";
import { delayBeforeAttempt, WEBHOOK_MAX_ATTEMPTS } from "@/server/webhooks/retry-schedule";

export { jobEngine } from "@/server/webhooks/job-engine-status";

type AttemptOptions = Pick<DeliverWebhookAttemptOptions, "resolve" | "connectTimeoutMs" | "totalTimeoutMs">;

/** Longer than one attempt can take (its 15 s deadline), so a live runner never loses its claim. */
const DELIVERY_LEASE_MS = 60_000;
const BATCH = 50;
const RETENTION_EVERY_MS = 60 * 60_000;
const HEALTH_SAMPLE_EVERY_MS = 60_000;
/** A broadcast pass returns this often, so a stop or a pass on another process is never held up for long. */
const BROADCAST_PASS_MS = 30_000;
/** How long the engine waits after a pass found nothing to send: a broadcast starts within this of being sent. */
const BROADCAST_IDLE_MS = 5_000;
/** How often the message sender looks for due messages when the last pass found none. */
const MESSAGE_IDLE_MS = 100;
/** How soon the callback sender looks again when nothing was due. */
const CALLBACK_IDLE_MS = 250;
/** A contact-import pass returns this often (the next resumes after its last batch); idle, look again after 2 s. */
const IMPORT_PASS_MS = 30_000;
const IMPORT_IDLE_MS = 2_000;

/**
 * Outbox events → deliveries: a batch is claimed and marked published in one short transaction, then fanned out
 * (idempotent). An event published by a runner that died before fanning it out is found again a minute later
 * (published, never fanned out) and fanned out then.
 */
export async function fanOutOutbox(): Promise<number> {
  let fanned = 0;
  for (;;) {
    const ids = await db.$transaction(async (tx) => {
      const events = await claimUnpublishedEvents(tx, BATCH);
      await markEventsPublished(tx, events.map((e) => e.id));
      return events.map((e) => e.id);
    });
    for (const id of ids) await createWebhookDeliveries(id);
    fanned += ids.length;
    if (ids.length < BATCH) break;
  }
  for (const { id } of await findUnfannedWebhookEvents({ marginMs: 60_000, limit: BATCH })) await createWebhookDeliveries(id);
  return fanned;
}

/** One attempt of one delivery, and what the schedule says next (the same steps as deliver-webhook.ts). */
async function attemptDelivery(id: string, attempt: number, opts: AttemptOptions): Promise<void> {
  if (attempt > WEBHOOK_MAX_ATTEMPTS) return markWebhookDeliveryFailed(id);
  const nextDelay = delayBeforeAttempt(attempt + 1);
  const result = await deliverWebhookAttempt(id, { ...opts, nextAttemptAt: nextDelay === null ? null : new Date(Date.now() + nextDelay) });
  if (result.outcome === "skipped") {
    if (result.reason === "endpoint_disabled") await markWebhookDeliveryFailed(id);
    return;
  }
  if (result.outcome === "succeeded") return;
  const { disabled } = await disableFailingEndpoint(result.endpointId);
  if (disabled || nextDelay === null) await markWebhookDeliveryFailed(id);
}

/** Every delivery due now, attempted side by side in batches. Returns how many were attempted. */
export async function deliverDue(opts: AttemptOptions & { now?: Date } = {}): Promise<number> {
  let attempted = 0;
  for (;;) {
    const due = await claimDueWebhookDeliveries({ limit: BATCH, leaseMs: DELIVERY_LEASE_MS, now: opts.now });
    await Promise.all(due.map((d) => attemptDelivery(d.id, d.automaticAttempts + 1, opts).catch((err: unknown) => logger.error({ err, deliveryId: d.id }, "webhook delivery attempt failed to run"))));
    attempted += due.length;
    if (due.length < BATCH) return attempted;
  }
}

/**
 * Runs the engine every `intervalMs` in this process: fan-out and due deliveries each tick, broadcasts beside them,
 * retention and the purge hourly (idempotent: a recording already deleted is not deleted again, so runners on several
 * processes do not double it), a health sample each minute (one row per minute, whichever process writes it first).
 * Returns a stop function that waits for the pass in progress.
 */
/**
 * `tenantIds` (tests): the message sender and the inbound media fetch take only those tenants' messages, as a test
 * file's engine must leave the other files' (they share the database, each with its own providers' stand-ins).
 */
export function startEmbeddedEngine(opts: { intervalMs?: number; tenantIds?: string[] } & AttemptOptions = {}): () => Promise<void> {
  const intervalMs = opts.intervalMs ?? 1_000;
  let running: Promise<void> | null = null;
  let lastRetention = 0;
  let lastHealthSample = 0;
  let lastError: string | null = null;
  // Broadcasts go out on a loop of their own: a pass runs for up to BROADCAST_PASS_MS, paced, and must not hold up
  // webhook deliveries. Passes of several processes never overlap (the sender's lease).
  const stopping = new AbortController();
  let sending: Promise<void> | null = null;
  let lastSendError: string | null = null;
  let quietUntil = 0;
  const sendBroadcasts = () => {
    if (sending || stopping.signal.aborted || Date.now() < quietUntil) return;
    sending = runBroadcastSender({ deadlineMs: BROADCAST_PASS_MS, signal: stopping.signal })
      .then(
        (pass) => {
          lastSendError = null;
          // Nothing to send: look again in a few seconds, not every tick.
          if (pass.requests === 0) quietUntil = Date.now() + BROADCAST_IDLE_MS;
        },
        (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          if (message !== lastSendError) logger.warn({ err }, "broadcast sender pass failed; the next one retries");
          lastSendError = message;
        },
      )
      .finally(() => void (sending = null));
  };
  // Messages on a loop of their own too: a pass sends what is due and returns; the next starts MESSAGE_IDLE_MS later, so
  // an accepted message leaves within about that (and its paced slot).
  let messaging: Promise<void> | null = null;
  let lastMessageError: string | null = null;
  const sendMessages = () => {
    if (messaging || stopping.signal.aborted || env.MESSAGE_SENDER !== "embedded") return;
    messaging = runMessageSender({ deadlineMs: BROADCAST_PASS_MS, signal: stopping.signal, ...(opts.tenantIds ? { tenantIds: opts.tenantIds } : {}) })
      .then(
        () => void (lastMessageError = null),
        (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          if (message !== lastMessageError) logger.warn({ err }, "message sender pass failed; the next one retries");
          lastMessageError = message;
        },
      )
      .finally(() => void (messaging = null));
  };
  const messageTimer = setInterval(sendMessages, MESSAGE_IDLE_MS);
  messageTimer.unref();
  // Status callbacks (messages', and calls' beside the worker's sender): claimed with leases, so any number of
  // senders share them and each goes once, in order per call or message.
  const callbacks = startCallbackSender({ signal: stopping.signal, idleMs: CALLBACK_IDLE_MS, limit: 50, ...(opts.resolve ? { resolve: opts.resolve } : {}) });
  // Contact imports on a loop of their own too: a pass streams batches for up to IMPORT_PASS_MS.
  let importing: Promise<void> | null = null;
  let importsQuietUntil = 0;
  const runImports = () => {
    if (importing || stopping.signal.aborted || Date.now() < importsQuietUntil) return;
    importing = runContactImports({ deadlineMs: IMPORT_PASS_MS, signal: stopping.signal })
      .then(
        (pass) => {
          if (pass.idle) importsQuietUntil = Date.now() + IMPORT_IDLE_MS;
        },
        (err: unknown) => logger.warn({ err }, "contact import pass failed; the next one resumes it"),
      )
      .finally(() => void (importing = null));
  };
  const tick = () => {
    sendBroadcasts();
    runImports();
    if (running) return;
    running = (async () => {
      try {
        await fanOutOutbox();
        await deliverDue(opts);
        await runAutomation();
        await fetchInboundMedia(opts.tenantIds ? { tenantIds: opts.tenantIds } : {});
        if (Date.now() - lastHealthSample >= HEALTH_SAMPLE_EVERY_MS) {
          lastHealthSample = Date.now();
          await recordHealthSample();
        }
        if (Date.now() - lastRetention >= RETENTION_EVERY_MS) {
          lastRetention = Date.now();
          const r = await deleteExpiredRecordings({ batchSize: 200 });
          if (r.deleted > 0) logger.info({ deleted: r.deleted }, "recording retention: expired recordings deleted");
          await purgeDeletedTenants();
          await purgeWebhookReceipts();
        }
        lastError = null;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (message !== lastError) logger.warn({ err }, "embedded job engine pass failed; the next one retries");
        lastError = message;
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    clearInterval(messageTimer);
    stopping.abort();
    await Promise.all([running, sending, messaging, importing, callbacks.stopped]);
  };
}
