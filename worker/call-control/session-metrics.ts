// How long the worker itself takes to move a call on: from the moment an outcome reaches it (the switch event that
// ended a verb, or the tenant's answer to a request) to the moment it hands the next command over (a switch
// application, or the next request). Kept as a bounded window of recent samples for the worker's health and
// `npm run bench:ivr`.

import { monitorEventLoopDelay } from "node:perf_hooks";

const WINDOW = 50_000;

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export class LatencyWindow {
  private readonly samples: number[] = [];
  private next = 0;
  total = 0;

  add(ms: number): void {
    this.total++;
    if (this.samples.length < WINDOW) this.samples.push(ms);
    else this.samples[this.next++ % WINDOW] = ms;
  }

  summary(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 100) / 100 : 0);
    return { count: this.total, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
  }

  reset(): void {
    this.samples.length = 0;
    this.next = 0;
    this.total = 0;
  }
}

export class SessionMetrics {
  /** How late the event loop runs timers (ms): a busy worker makes every I/O callback, a document's fetch included, wait. */
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });

  constructor() {
    this.loopDelay.enable();
  }

  /** A switch event (end of a verb, a key, a bridge) → the next command. */
  readonly afterSwitchEvent = new LatencyWindow();
  /** The tenant's answer (a fetched document) → the next command. */
  readonly afterAnswer = new LatencyWindow();
  /** How long requests to tenants' applications took, as the worker saw them. */
  readonly fetches = new LatencyWindow();
  decisions = 0;

  summary() {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const loop = this.loopDelay;
    return {
      decisions: this.decisions,
      afterSwitchEventMs: this.afterSwitchEvent.summary(),
      afterAnswerMs: this.afterAnswer.summary(),
      fetchMs: this.fetches.summary(),
      eventLoopDelayMs: { count: loop.count, p50: ms(loop.percentile(50)), p95: ms(loop.percentile(95)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    };
  }
}
