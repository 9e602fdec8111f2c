// The app (`next start` of the test build) and the worker (`worker/main.ts`), each a process of its own with
// the environment a deployment gives it, as docker-compose runs them. Their output goes to a log file of the
// run, which a failing test can point at.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");

export interface NodeProcessOptions {
  name: string;
  args: string[];
  env: Record<string, string>;
  logFile: string;
  /** Resolves when the process is ready (polled). */
  ready: () => Promise<boolean>;
  readyTimeoutMs?: number;
}

export class NodeProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  starts = 0;

  constructor(readonly opts: NodeProcessOptions) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const log = createWriteStream(this.opts.logFile, { flags: "a" });
    log.write(`\n===== ${this.opts.name} start #${++this.starts} at ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, this.opts.args, { cwd: ROOT, env: { ...process.env, ...this.opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once("exit", () => {
        log.end();
        resolve();
      }),
    );
    const deadline = Date.now() + (this.opts.readyTimeoutMs ?? 60_000);
    for (;;) {
      if (!this.running) throw new Error(`${this.opts.name} exited during start-up (${child.exitCode ?? child.signalCode}); see ${this.opts.logFile}`);
      if (await this.opts.ready().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`${this.opts.name} not ready within ${this.opts.readyTimeoutMs ?? 60_000} ms; see ${this.opts.logFile}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** kill -9: no drain, no last heartbeat. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.child.kill("SIGKILL");
    await this.exited;
    this.child = null;
  }

  /** SIGTERM and wait (the worker drains within WORKER_DRAIN_SECONDS). */
  async stop(timeoutMs = 40_000): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    child.kill("SIGTERM");
    await within(this.exited, timeoutMs);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await this.exited;
    this.child = null;
    return child.exitCode;
  }
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await res.body?.cancel();
  return res.ok;
}

export function appProcess(opts: { port: number; env: Record<string, string>; logFile: string }): NodeProcess {
  return new NodeProcess({
    name: "app",
    args: [NEXT_BIN, "start", "--port", String(opts.port), "--hostname", "127.0.0.1"],
    env: opts.env,
    logFile: opts.logFile,
    ready: () => httpOk(`http://127.0.0.1:${opts.port}/api/health`),
  });
}

export function workerProcess(opts: { healthPort: number; env: Record<string, string>; logFile: string }): NodeProcess {
  return new NodeProcess({
    name: "worker",
    args: ["--import", "tsx", path.join(ROOT, "worker/main.ts")],
    env: { ...opts.env, WORKER_HEALTH_PORT: String(opts.healthPort) },
    logFile: opts.logFile,
    // Healthy = its switch link is up (the health endpoint answers 200 only then).
    ready: () => httpOk(`http://127.0.0.1:${opts.healthPort}/health`),
  });
}

/** Waits for `promise` at most `ms` (the timer is cleared, so it never keeps the process alive). */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
