// One pass of the broadcast sender, run by the job engine (an Inngest step, or the embedded engine's loop): it takes the
// sender's lease, then sends batch after batch at BROADCAST_REQUESTS_PER_SECOND until there is nothing left, its
// deadline comes, or it is stopped. Every request is paced (a request starts no sooner than 1/rate after the one
// before, in this process and, because the lease is released only once that interval has passed, in the next
// sender too). A request the provider did not take (429, 5xx, no answer) is repeated with backoff, honouring
// Retry-After, with the same key and the same mails, so nothing is sent twice; see record-broadcast-batch.ts.
import { hostname } from "node:os";
import { env } from "@/env";
import { claimBroadcastForSending, releaseBroadcastLease } from "@/server/broadcasts/broadcast-sender-lease";
import { batchEmails, nextBroadcastBatch } from "@/server/broadcasts/next-broadcast-batch";
import { recordBatchAccepted, recordBatchDeferred, recordBatchRefused } from "@/server/broadcasts/record-broadcast-batch";
import { sendEmailBatch, type EmailBatchOutcome } from "@/server/email/send-email-batch";
import { logger } from "@/server/logger";
import { newId } from "@/server/shared/ids";
import { abortableSleep } from "@/server/shared/abortable-sleep";

/** Longer than a request (30 s timeout) plus a pacing wait: the lease is renewed before every request. */
const LEASE_MS = 120_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 5 * 60_000;

const PROCESS_HOLDER = `${hostname()}:${process.pid}:${newId("snd")}`;

export type SendEmailBatch = typeof sendEmailBatch;

export interface BroadcastSenderOptions {
  /** Requests per second (default BROADCAST_REQUESTS_PER_SECOND). */
  requestsPerSecond?: number;
  /** Mails per request (default BROADCAST_BATCH_SIZE, at most 100). */
  batchSize?: number;
  /** How long this pass may run before it returns (the rest waits for the next pass). */
  deadlineMs?: number;
  /** Stops the pass between requests (app shutdown). */
  signal?: AbortSignal;
  /** Who holds the lease (default: this process). */
  holder?: string;
  /** The transport (tests wrap it to fail in particular ways). */
  send?: SendEmailBatch;
}

export interface BroadcastSenderPass {
  requests: number;
  accepted: number;
  failed: number;
  /** True when nothing is left to send (now: a backoff may still be pending). */
  idle: boolean;
}

/** When this process last started a request: the pace holds across passes. */
let lastRequestAt = 0;

/** Delay before attempt n+1 after n failures: 1 s, 2 s, 4 s… at most 5 min; the provider's Retry-After when longer. */
export function broadcastRetryDelay(failures: number, retryAfterMs: number | null): number {
  const backoff = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);
  return Math.max(backoff, retryAfterMs ?? 0);
}

export async function runBroadcastSender(opts: BroadcastSenderOptions = {}): Promise<BroadcastSenderPass> {
  const interval = 1000 / (opts.requestsPerSecond ?? env.BROADCAST_REQUESTS_PER_SECOND);
  const size = opts.batchSize ?? env.BROADCAST_BATCH_SIZE;
  const deadline = Date.now() + (opts.deadlineMs ?? 20_000);
  const holder = opts.holder ?? PROCESS_HOLDER;
  const send = opts.send ?? sendEmailBatch;
  const pass: BroadcastSenderPass = { requests: 0, accepted: 0, failed: 0, idle: false };
  let emptyClaim: string | null = null;
  try {
    while (Date.now() < deadline && !opts.signal?.aborted) {
      const claim = await claimBroadcastForSending(holder, { leaseMs: LEASE_MS });
      if (claim.broadcastId === null) {
        // Waiting only for a backoff that ends within this pass: wait for it here rather than a whole pass later.
        if (claim.idleUntil && claim.idleUntil.getTime() < deadline) {
          await abortableSleep(claim.idleUntil.getTime() - Date.now(), opts.signal);
          continue;
        }
        pass.idle = claim.idleUntil === null;
        break;
      }
      const batch = await nextBroadcastBatch(claim.broadcastId, size);
      if (!batch || batch.recipients.length === 0) {
        // The next claim marks it SENT; the same broadcast with nothing to send twice running would be a loop.
        if (emptyClaim === claim.broadcastId) break;
        emptyClaim = claim.broadcastId;
        continue;
      }
      emptyClaim = null;
      await abortableSleep(lastRequestAt + interval - Date.now(), opts.signal);
      if (opts.signal?.aborted) break;
      lastRequestAt = Date.now();
      pass.requests++;
      let outcome: EmailBatchOutcome;
      try {
        outcome = await send(batchEmails(batch), { idempotencyKey: batch.key });
      } catch (err) {
        // A transport that throws (a bug, the database under the mailbox) is a failed attempt like any other.
        outcome = { kind: "retry", status: null, message: err instanceof Error ? err.message : String(err), retryAfterMs: null };
      }
      if (outcome.kind === "accepted") {
        await recordBatchAccepted(batch, outcome.messageIds);
        pass.accepted += batch.recipients.length;
      } else if (outcome.kind === "refused") {
        logger.warn({ broadcastId: batch.broadcastId, recipients: batch.recipients.length, status: outcome.status, error: outcome.message }, "broadcast: the provider refused a request");
        const { split } = await recordBatchRefused(batch, outcome.message);
        if (!split) pass.failed++;
      } else {
        const failures = Math.max(...batch.recipients.map((r) => r.attempts)) + 1;
        const retryAt = new Date(Date.now() + broadcastRetryDelay(failures, outcome.retryAfterMs));
        logger.warn({ broadcastId: batch.broadcastId, status: outcome.status, error: outcome.message, retryAt }, "broadcast: the provider did not take a request; it is repeated later");
        if (!(await recordBatchDeferred(batch, outcome.message, retryAt))) pass.failed += batch.recipients.length;
      }
    }
  } finally {
    // The next sender, wherever it runs, starts no sooner than the pace allows.
    await abortableSleep(lastRequestAt + interval - Date.now());
    await releaseBroadcastLease(holder);
  }
  return pass;
}
