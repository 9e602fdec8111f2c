// The worker's parts as a registry of handlers (midday's worker shape): each handler starts, stops taking new
// work when the process is told to drain, finishes what it has in flight, then stops. main.ts only walks the
// registry; the health endpoint asks each handler for its state.
import type { Logger } from "@/server/logger";

export interface WorkerHandler {
  readonly name: string;
  start(): void | Promise<void>;
  /** Stop taking new work (no more claims, no more timers that start work). Must not throw. */
  quiesce?(): void;
  /** Resolves when the work already taken has finished. Bounded by the caller's deadline. */
  drain?(): Promise<void>;
  /** Release timers and connections. */
  stop(): void | Promise<void>;
  health?(): Record<string, unknown>;
}

export class HandlerRegistry {
  private readonly handlers: WorkerHandler[] = [];

  constructor(private readonly log: Logger) {}

  register<T extends WorkerHandler>(handler: T): T {
    this.handlers.push(handler);
    return handler;
  }

  async startAll(): Promise<void> {
    for (const h of this.handlers) await h.start();
  }

  quiesceAll(): void {
    for (const h of this.handlers) {
      try {
        h.quiesce?.();
      } catch (err) {
        this.log.error({ handler: h.name, err }, "quiesce failed");
      }
    }
  }

  /** Waits for every handler's in-flight work, giving up at the deadline. Returns whether all finished. */
  async drainAll(deadlineMs: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, deadlineMs));
    });
    const all = Promise.all(
      this.handlers.map(async (h) => {
        const started = Date.now();
        try {
          await h.drain?.();
        } catch (err) {
          this.log.error({ handler: h.name, err }, "drain failed");
        }
        this.log.debug({ handler: h.name, ms: Date.now() - started }, "drained");
      }),
    ).then(() => true as const);
    const finished = await Promise.race([all, deadline]);
    clearTimeout(timer);
    return finished;
  }

  /** Stops handlers in reverse registration order (the last started depends on the earlier ones). */
  async stopAll(): Promise<void> {
    for (const h of [...this.handlers].reverse()) {
      try {
        await h.stop();
      } catch (err) {
        this.log.error({ handler: h.name, err }, "stop failed");
      }
    }
  }

  health(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const h of this.handlers) if (h.health) out[h.name] = h.health();
    return out;
  }
}

/**
 * A loop that runs `tick` every `intervalMs`, sooner when woken (a NOTIFY, a transition), never two ticks at
 * once: a wake during a tick schedules one more tick right after it, so no wake-up is lost.
 */
export class WakeableLoop {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  ticks = 0;
  lastError: string | null = null;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly tick: () => Promise<void>,
    private readonly log: Logger,
    /**
     * Least time between the end of a tick and a woken one. Wakes arrive per call (a NOTIFY per queued call); a
     * small gap lets one tick serve a burst of them instead of one transaction each.
     */
    private readonly minGapMs = 0,
  ) {}
  private lastEnd = 0;

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const due = Math.max(this.lastEnd + this.minGapMs, this.wakesDeferredUntil);
    if (this.timer !== undefined && this.pendingAt <= Math.max(Date.now(), due)) return; // already due soon enough
    this.schedule(Math.max(0, due - Date.now()));
  }

  /**
   * Wakes before `until` (epoch ms) run at `until` instead: a tick that found nothing it could do (every queued
   * call held back by its tenant's limits) need not run again for each of a burst of wake-ups. 0 lifts it.
   */
  deferWakesUntil(until: number): void {
    this.wakesDeferredUntil = until;
  }
  private wakesDeferredUntil = 0;

  /** No further ticks; resolves when the running one (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private pendingAt = 0;

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.pendingAt = Date.now() + ms;
    this.timer = setTimeout(() => void this.run(), ms);
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    if (this.stopped || this.running) return;
    this.again = false;
    this.running = (async () => {
      try {
        await this.tick();
        this.lastError = null;
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
        this.log.error({ loop: this.name, err }, "loop tick failed");
      } finally {
        this.ticks++;
      }
    })();
    await this.running;
    this.running = undefined;
    this.lastEnd = Date.now();
    if (!this.stopped) this.schedule(this.again ? Math.max(this.minGapMs, this.wakesDeferredUntil - this.lastEnd) : this.intervalMs);
  }
}
