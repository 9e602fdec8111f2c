// The lease of this worker's switch (SwitchLease, src/server/workers/). It is taken before any other handler starts,
// so nothing is claimed or reconciled without it. A lease renewed by a live worker makes this one refuse to run
// (SwitchLeaseHeldError): two workers on one switch would each take the other's calls for lost ones. A lease left
// by a crashed worker is waited for until it lapses (WORKER_LEASE_SECONDS after its last renewal), so a restart
// after kill -9 recovers by itself. Renewed with every heartbeat, released on a graceful stop.
import os from "node:os";
import type { Db } from "@/server/db";
import type { Logger } from "@/server/logger";
import { acquireSwitchLease } from "@/server/workers/acquire-switch-lease";
import { releaseSwitchLease } from "@/server/workers/release-switch-lease";
import { renewSwitchLease } from "@/server/workers/renew-switch-lease";
import type { SwitchLeaseView } from "@/server/workers/switch-lease";
import { WakeableLoop, type WorkerHandler } from "./registry";

export interface SwitchLeaseKeeperOptions {
  switchId: string;
  workerId: string;
  db: Db;
  log: Logger;
  /** The lease lapses this long after its last renewal. */
  ttlMs: number;
  /** Renewal interval (the heartbeat's); at most half the TTL, so one late renewal does not lose the lease. */
  renewMs: number;
  hostname?: string;
  /** A renewal found another worker holding the switch. */
  onLost?: (error: SwitchLeaseLostError) => void;
}

const describeHolder = (holder: SwitchLeaseView) =>
  `worker ${holder.workerId} on host ${holder.hostname} (lease last renewed ${holder.renewedAt.toISOString()}, expires ${holder.expiresAt.toISOString()})`;

/** Another live worker drives this switch: this one must not run. */
export class SwitchLeaseHeldError extends Error {
  constructor(
    readonly switchId: string,
    readonly holder: SwitchLeaseView,
    why: string,
  ) {
    super(`switch ${switchId} is already driven by ${describeHolder(holder)}; ${why}: refusing to run a second worker with SWITCH_ID=${switchId}`);
    this.name = "SwitchLeaseHeldError";
  }
}

/** This worker's lease passed to another worker (it lapsed while this one could not renew it). */
export class SwitchLeaseLostError extends Error {
  constructor(
    readonly switchId: string,
    readonly holder: SwitchLeaseView | null,
  ) {
    super(`lost the lease of switch ${switchId}${holder ? ` to ${describeHolder(holder)}` : ""}`);
    this.name = "SwitchLeaseLostError";
  }
}

export class SwitchLeaseKeeper implements WorkerHandler {
  readonly name = "switch-lease";
  private readonly loop: WakeableLoop;
  private readonly hostname: string;
  /** performance.now() until which the lease is surely this worker's: the send time of its last renewal + TTL. */
  private validUntil = 0;
  private lost: SwitchLeaseLostError | null = null;
  private lease: SwitchLeaseView | null = null;
  renewals = 0;

  constructor(private readonly opts: SwitchLeaseKeeperOptions) {
    if (opts.renewMs * 2 > opts.ttlMs) throw new Error(`the lease TTL (WORKER_LEASE_SECONDS, ${opts.ttlMs} ms) must be at least two heartbeats (${opts.renewMs} ms each)`);
    this.hostname = opts.hostname ?? os.hostname();
    this.loop = new WakeableLoop("switch-lease", opts.renewMs, () => this.renew(), opts.log);
  }

  /** Whether this worker may claim and reconcile now: it holds the lease and it has not lapsed. */
  holds(): boolean {
    return this.lost === null && this.lease !== null && performance.now() < this.validUntil;
  }

  /** Takes the lease, waiting at most TTL + one renewal for a lease nobody renews any more. */
  async start(): Promise<void> {
    const { switchId, workerId, ttlMs, renewMs, log } = this.opts;
    const giveUpAt = performance.now() + ttlMs + renewMs;
    let waitingFor: SwitchLeaseView | null = null;
    for (;;) {
      const sentAt = performance.now();
      const result = await acquireSwitchLease(this.opts.db, { switchId, workerId, hostname: this.hostname, ttlMs });
      if (result.acquired) {
        this.took(result.lease, sentAt);
        if (waitingFor) log.info({ previousHolder: waitingFor }, `took over the lease of switch ${switchId} from worker ${waitingFor.workerId}, which stopped renewing it`);
        break;
      }
      const { holder } = result;
      if (!waitingFor) {
        waitingFor = holder;
        log.warn({ holder }, `waiting for the lease of switch ${switchId} held by ${describeHolder(holder)}; it is taken over if that worker stopped`);
      } else if (holder.workerId !== waitingFor.workerId || holder.renewedAt.getTime() !== waitingFor.renewedAt.getTime()) {
        throw new SwitchLeaseHeldError(switchId, holder, "it renewed its lease while this worker waited");
      }
      if (performance.now() >= giveUpAt) throw new SwitchLeaseHeldError(switchId, holder, `its lease did not lapse within ${ttlMs + renewMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, renewMs)));
    }
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    if (this.lost || !this.lease) return;
    this.lease = null;
    await releaseSwitchLease(this.opts.db, { switchId: this.opts.switchId, workerId: this.opts.workerId }).catch((err: unknown) =>
      this.opts.log.warn({ err }, "releasing the switch lease failed; it lapses by itself"),
    );
  }

  /** A crash, as tests simulate it: no more renewals, and the lease is left to lapse. */
  async abandon(): Promise<void> {
    await this.loop.stop();
  }

  private took(lease: SwitchLeaseView, sentAt: number): void {
    this.lease = lease;
    this.validUntil = sentAt + this.opts.ttlMs;
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    const sentAt = performance.now();
    const result = await renewSwitchLease(this.opts.db, { switchId: this.opts.switchId, workerId: this.opts.workerId, ttlMs: this.opts.ttlMs });
    if (result.renewed) {
      this.took(result.lease, sentAt);
      this.renewals++;
      return;
    }
    this.lost = new SwitchLeaseLostError(this.opts.switchId, result.holder);
    // Not awaited: this runs inside the loop's own tick, which stop() waits for.
    void this.loop.stop();
    this.opts.log.error({ holder: result.holder }, this.lost.message);
    this.opts.onLost?.(this.lost);
  }

  health(): Record<string, unknown> {
    return {
      holds: this.holds(),
      validForMs: Math.max(0, Math.round(this.validUntil - performance.now())),
      renewals: this.renewals,
      lost: this.lost?.message ?? null,
      lastError: this.loop.lastError,
    };
  }
}
