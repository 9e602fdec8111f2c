// The WorkerInstance row: upserted every few seconds and at once on every link change, so /api/health shows
// this worker fresh or stale and its switch link connected or not.
import os from "node:os";
import type { Db } from "@/server/db";
import { recordWorkerHeartbeat, type WorkerLinkState } from "@/server/workers/record-worker-heartbeat";
import type { WorkerContext } from "./context";
import { WakeableLoop, type WorkerHandler } from "./registry";
import type { SwitchLinkState } from "./switch-port";

export function linkStateForHealth(state: SwitchLinkState): WorkerLinkState {
  return state === "up" ? "connected" : state === "connecting" ? "connecting" : "disconnected";
}

export class Heartbeat implements WorkerHandler {
  readonly name = "heartbeat";
  private readonly loop: WakeableLoop;
  /** Overrides the link state once the worker drains or stops. */
  private phase: WorkerLinkState | null = null;
  lastBeatAt: Date | null = null;

  constructor(
    private readonly ctx: WorkerContext,
    private readonly db: Db,
    private readonly version: string,
    intervalMs: number,
    private readonly hostname: string = os.hostname(),
  ) {
    this.loop = new WakeableLoop("heartbeat", intervalMs, () => this.beat(), ctx.log);
  }

  async start(): Promise<void> {
    await this.beat();
    this.loop.start();
  }

  /** The link changed: tell health now rather than at the next beat. */
  wake(): void {
    this.loop.wake();
  }

  quiesce(): void {
    this.phase = "draining";
    this.loop.wake();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    this.phase = "stopped";
    await this.beat().catch((err: unknown) => this.ctx.log.warn({ err }, "last heartbeat failed"));
  }

  /** Stops beating without a last word (a crash, as tests simulate it). */
  async abandon(): Promise<void> {
    await this.loop.stop();
  }

  async beat(): Promise<void> {
    const at = new Date();
    await recordWorkerHeartbeat(this.db, {
      id: this.ctx.workerId,
      hostname: this.hostname,
      switchId: this.ctx.switchId,
      linkState: this.phase ?? linkStateForHealth(this.ctx.esl.linkState),
      version: this.version,
      at,
    });
    this.lastBeatAt = at;
  }

  health(): Record<string, unknown> {
    return { lastBeatAt: this.lastBeatAt?.toISOString() ?? null, lastError: this.loop.lastError };
  }
}
