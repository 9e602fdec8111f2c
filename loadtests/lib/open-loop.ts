// An open-loop load generator (k6's constant-arrival-rate, wrk2's model): request i is due at start + i/rate,
// evenly spaced, whether or not earlier ones have answered, and its latency counts from when it was due, not
// from when it happened to be sent. A server (or this generator) that falls behind therefore shows it in the
// latencies instead of hiding it ("coordinated omission"). autocannon's overallRate is not used for this: it
// paces each connection and its latencies include the wait for a free connection (GET /api/ping measured
// 30 ms p50 at 50 req/s with 32 connections against 1 ms with one).
import http from "node:http";
import { PerformanceObserver } from "node:perf_hooks";

export interface OpenLoopRequest {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
}

export interface OpenLoopResult {
  /** Latencies of the requests answered with `okStatus`, ms from when each was due, ascending. */
  latencies: number[];
  /** Requests answered with another status, by status. */
  otherStatuses: Record<number, number>;
  /** Requests that failed at the socket level (refused, reset, timed out). */
  errors: number;
  /** What the failures were: socket errors by code, other statuses with the first body seen for each. */
  failureKinds: Record<string, { count: number; sample: string }>;
  /** Seconds from the first due time to the last answer. */
  elapsedSeconds: number;
  /** How late the generator itself sent requests, ms at p99 (a busy load generator shows here). */
  sendLagP99: number;
  /** The generator's longest send delay and longest garbage-collection pause, ms: a stall of the generator itself. */
  sendLagMax: number;
  generatorGcMaxMs: number;
  /**
   * The seconds of the run that held the slowest requests: per second (from the first due time), how many
   * requests were due and how many of them took longer than `slowMs`, worst first. Tails packed into one or two
   * seconds point at a stall (a GC, a disk flush, a busy neighbour); tails spread over the run at saturation.
   */
  slowSeconds: { second: number; due: number; slow: number; maxMs: number }[];
}

export async function runOpenLoop(opts: { request: OpenLoopRequest; rate: number; seconds: number; okStatus: number; maxSockets?: number; slowMs?: number }): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 256 });
  const url = new URL(opts.request.url);
  const body = opts.request.body === undefined ? undefined : Buffer.from(opts.request.body);
  const headers = { ...opts.request.headers, ...(body ? { "content-length": String(body.length) } : {}) };
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  const sendLags: number[] = [];
  const otherStatuses: Record<number, number> = {};
  let errors = 0;
  const failureKinds: Record<string, { count: number; sample: string }> = {};
  const noteFailure = (kind: string, sample: string) => {
    const entry = (failureKinds[kind] ??= { count: 0, sample: sample.slice(0, 300) });
    entry.count++;
  };
  const slowMs = opts.slowMs ?? 50;
  const perSecond: { due: number; slow: number; maxMs: number }[] = [];
  const inflight = new Set<Promise<void>>();

  const send = (due: number) => {
    sendLags.push(performance.now() - due);
    const second = (perSecond[Math.floor((due - start) / 1000)] ??= { due: 0, slow: 0, maxMs: 0 });
    second.due++;
    const finished = () => {
      const ms = performance.now() - due;
      if (ms > slowMs) second.slow++;
      second.maxMs = Math.max(second.maxMs, ms);
    };
    const done = new Promise<void>((resolve) => {
      const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: opts.request.method, headers }, (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          if (status !== opts.okStatus) chunks.push(chunk);
        });
        res.on("end", () => {
          finished();
          if (status === opts.okStatus) latencies.push(performance.now() - due);
          else {
            otherStatuses[status] = (otherStatuses[status] ?? 0) + 1;
            noteFailure(`HTTP ${status}`, Buffer.concat(chunks).toString("utf8"));
          }
          resolve();
        });
        res.on("error", (err: NodeJS.ErrnoException) => {
          errors++;
          noteFailure(`response ${err.code ?? err.message}`, err.message);
          resolve();
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
      req.on("error", (err: NodeJS.ErrnoException) => {
        errors++;
        noteFailure(`request ${err.code ?? err.message}`, `${err.message} (socket ${req.reusedSocket ? "reused" : "new"})`);
        resolve();
      });
      req.end(body);
    });
    inflight.add(done);
    void done.then(() => inflight.delete(done));
  };

  let generatorGcMaxMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) generatorGcMaxMs = Math.max(generatorGcMaxMs, entry.duration);
  });
  gcObserver.observe({ entryTypes: ["gc"] });
  const start = performance.now();
  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && start + next * interval <= now) send(start + next++ * interval);
    if (next < total) await new Promise((r) => setTimeout(r, Math.max(0, start + next * interval - performance.now())));
  }
  await Promise.all(inflight);
  gcObserver.disconnect();
  const elapsedSeconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  sendLags.sort((a, b) => a - b);
  const slowSeconds = perSecond
    .map((s, second) => ({ second, ...s, maxMs: Math.round(s.maxMs) }))
    .filter((s) => s.slow > 0)
    .sort((a, b) => b.slow - a.slow || b.maxMs - a.maxMs);
  return { latencies, otherStatuses, errors, failureKinds, elapsedSeconds, sendLagP99: sendLags[Math.floor(sendLags.length * 0.99)] ?? 0, sendLagMax: sendLags.at(-1) ?? 0, generatorGcMaxMs, slowSeconds };
}

/** One line on where a run's slow requests fell (see `slowSeconds`): packed into a few seconds, or spread over the run. */
export function describeSlowSeconds(r: OpenLoopResult, seconds: number, slowMs = 50): string {
  const slowTotal = r.slowSeconds.reduce((n, s) => n + s.slow, 0);
  const worst = r.slowSeconds.slice(0, 5).map((s) => `${s.slow} in second ${s.second} (max ${s.maxMs} ms)`).join(", ");
  return `over ${slowMs} ms: ${slowTotal} of ${r.latencies.length} requests, in ${r.slowSeconds.length} of ${seconds} seconds${worst ? `; worst: ${worst}` : ""}; generator lag max ${Math.round(r.sendLagMax)} ms, generator GC max ${Math.round(r.generatorGcMaxMs)} ms`;
}
