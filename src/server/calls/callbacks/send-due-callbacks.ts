// The status-callback sender the worker runs: claim due callbacks (the head of each call's queue), send them in
// parallel, claim more as they finish, up to `limit` sends per run. Safe to run in any number of processes at
// once (claims are leases taken with FOR UPDATE SKIP LOCKED).
import { claimDueCallbacks, failAbandonedCallbacks } from "@/server/calls/callbacks/claim-due-callbacks";
import { deliverCallback, type DeliverCallbackOptions } from "@/server/calls/callbacks/deliver-callback";
import { logger } from "@/server/logger";

export interface SendDueCallbacksOptions extends DeliverCallbackOptions {
  /** Most callbacks to send in this run. Default 50. */
  limit?: number;
  /** Most in flight at once. Default: `limit`. */
  concurrency?: number;
  /** What counts as due (nextAttemptAt <= now). Default: the current time. */
  now?: Date;
  /** How long a claim keeps other senders off a callback. Longer than one attempt can take. */
  leaseMs?: number;
}

export interface SendDueCallbacksResult {
  succeeded: number;
  /** Failed once; the retry is due after retryDelayMs. */
  retrying: number;
  /** Failed twice (or their sender vanished): given up. */
  failed: number;
}

export async function sendDueCallbacks(opts: SendDueCallbacksOptions = {}): Promise<SendDueCallbacksResult> {
  const limit = opts.limit ?? 50;
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? limit, limit));
  const connectTimeoutMs = opts.connectTimeoutMs ?? 5_000;
  const readTimeoutMs = opts.readTimeoutMs ?? 15_000;
  const leaseMs = opts.leaseMs ?? 2 * (connectTimeoutMs + readTimeoutMs) + 10_000;
  const result: SendDueCallbacksResult = { succeeded: 0, retrying: 0, failed: await failAbandonedCallbacks(opts.now ?? new Date()) };
  const inFlight = new Set<Promise<void>>();
  let budget = limit;
  for (;;) {
    // Claim as slots free up, so one slow receiver holds one slot, not the whole run. Claims take at most the head
    // of each call's queue, and a callback in flight holds its call's next one back until its outcome is recorded.
    const free = Math.min(concurrency - inFlight.size, budget);
    const claimed = free > 0 ? await claimDueCallbacks({ limit: free, now: opts.now ?? new Date(), leaseMs }) : [];
    budget -= claimed.length;
    for (const callback of claimed) {
      const sending: Promise<void> = deliverCallback(callback, { ...opts, connectTimeoutMs, readTimeoutMs })
        .catch((err: unknown) => {
          // The outcome could not be recorded (database down); the lease expires and another run retries it.
          logger.error({ err, callbackId: callback.id }, "recording a status callback outcome failed");
          return "retrying" as const;
        })
        .then((outcome) => {
          result[outcome]++;
          inFlight.delete(sending);
        });
      inFlight.add(sending);
    }
    if (inFlight.size === 0) break;
    // Wait for one to finish: it frees a slot and may make its call's next callback claimable.
    await Promise.race(inFlight);
  }
  return result;
}

/**
 * Runs sendDueCallbacks until `signal` aborts: again at once while there was work, else after `idleMs` or as soon
 * as `wake()` is called (the worker wakes it right after a call transition enqueued a callback). `stopped`
 * resolves once the run in progress has finished.
 */
export function startCallbackSender(opts: SendDueCallbacksOptions & { signal: AbortSignal; idleMs?: number }): { wake: () => void; stopped: Promise<void> } {
  const idleMs = opts.idleMs ?? 1_000;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || opts.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        opts.signal.removeEventListener("abort", done);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
      opts.signal.addEventListener("abort", done, { once: true });
    });

  const stopped = (async () => {
    while (!opts.signal.aborted) {
      woken = false;
      let sent = 0;
      try {
        const r = await sendDueCallbacks({ ...opts, now: undefined });
        sent = r.succeeded + r.retrying + r.failed;
      } catch (err) {
        logger.error({ err }, "status callback sender run failed");
        await pause(idleMs);
        continue;
      }
      if (sent === 0) await pause(idleMs);
    }
  })();
  return { wake, stopped };
}
