// The worker's view of its database: up, or down since when. A use-case that fails because the database cannot be
// reached reports it here and waits (`waitUntilUp`) instead of giving up, so no switch event is dropped; while down
// the link probes with `SELECT 1` and wakes every waiter the moment the database answers. The originator does not
// claim while it is down (nothing is dialled that could not be recorded), and /health says so.
import type { Logger } from "@/server/logger";
import type { WorkerHandler } from "./registry";

export interface DatabaseLinkOptions {
  /** One round trip; throws when the database cannot answer. */
  probe: () => Promise<unknown>;
  log: Logger;
  /** Between probes while down (default 500 ms). */
  probeMs?: number;
  /** Called when the database is back (wake the loops that paused). */
  onUp?: () => void;
}

export class DatabaseLink implements WorkerHandler {
  readonly name = "database-link";
  private downSince: Date | null = null;
  private waiters: (() => void)[] = [];
  private probing: Promise<void> | null = null;
  private stopped = false;
  outages = 0;
  lastOutageMs: number | null = null;

  constructor(private readonly opts: DatabaseLinkOptions) {}

  start(): void {}

  get up(): boolean {
    return this.downSince === null;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** A use-case could not reach the database: mark it down (once) and start probing. */
  reportUnavailable(err: unknown): void {
    if (this.stopped) return;
    if (this.downSince === null) {
      this.downSince = new Date();
      this.outages++;
      this.opts.log.warn({ err }, "database unreachable: switch events wait in order until it is back; no new calls are claimed");
    }
    this.probing ??= this.probeUntilUp().finally(() => (this.probing = null));
  }

  /** Resolves at once while up, else when the database answers again (or the worker stops). */
  waitUntilUp(): Promise<void> {
    if (this.downSince === null || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async probeUntilUp(): Promise<void> {
    const probeMs = this.opts.probeMs ?? 500;
    while (!this.stopped && this.downSince !== null) {
      await new Promise((r) => setTimeout(r, probeMs));
      try {
        await this.opts.probe();
      } catch {
        continue;
      }
      this.markUp();
    }
  }

  private markUp(): void {
    if (this.downSince === null) return;
    this.lastOutageMs = Date.now() - this.downSince.getTime();
    this.opts.log.info({ outageMs: this.lastOutageMs }, "database reachable again: applying the switch events that waited");
    this.downSince = null;
    this.release();
    this.opts.onUp?.();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  stop(): void {
    this.stopped = true;
    this.release();
  }

  health(): Record<string, unknown> {
    return {
      state: this.up ? "up" : "down",
      downSince: this.downSince?.toISOString() ?? null,
      waiting: this.waiters.length,
      outages: this.outages,
      lastOutageMs: this.lastOutageMs,
    };
  }
}
