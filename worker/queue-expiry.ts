// Queued calls past their queue deadline end `failed` (QUEUE_TIMEOUT) instead of being dialled late. This loop runs
// whatever the switch link's state: a worker whose switch is down is exactly when calls pile up queued. The claim
// skips expired calls on its own, so a late sweep only delays their callbacks, never dials them.
import type { WorkerContext } from "./context";
import { WakeableLoop, type WorkerHandler } from "./registry";

export class QueueExpiry implements WorkerHandler {
  readonly name = "queue-expiry";
  private readonly loop: WakeableLoop;
  expired = 0;

  constructor(
    private readonly ctx: WorkerContext,
    pollMs: number,
    /** Calls ended per transaction; a full round is followed by another at once. */
    private readonly batch = 100,
  ) {
    this.loop = new WakeableLoop("queue-expiry", pollMs, () => this.tick(), ctx.log);
  }

  start(): void {
    this.loop.start();
  }

  quiesce(): void {
    void this.loop.stop();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  private async tick(): Promise<void> {
    // While the database is away nothing can expire (and nothing is claimed either); the probe wakes the loops.
    if (!this.ctx.database.up) return;
    for (;;) {
      const expired = await this.ctx.voice.expireQueuedCalls({ limit: this.batch });
      if (expired === 0) return;
      this.expired += expired;
      this.ctx.log.info({ expired }, "queued calls past their queue timeout failed");
      // Their `completed` callbacks are due now.
      this.ctx.onTransition();
      if (expired < this.batch || this.loop.isStopped) return;
    }
  }

  health(): Record<string, unknown> {
    return { expired: this.expired, lastError: this.loop.lastError };
  }
}
