// What the voice benchmarks share: their child processes (the worker, the simulator), each stopped on purpose or
// reported when it dies during the run, and waiting for a tenant's calls to end.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type pg from "pg";
import { ROOT } from "./harness.ts";

const stopped = new WeakSet<ChildProcess>();
const FINAL = `('COMPLETED','BUSY','FAILED','NO_ANSWER','CANCELED')`;

/** `node --import tsx <entry>`; BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of it there. */
export function startChild(name: string, entry: string, env: Record<string, string>): ChildProcess {
  const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.join(process.env.BENCH_PROFILE_DIR, name)}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", entry], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code, signal) => {
    if (!stopped.has(child)) console.error(`${name} exited (${signal ?? code}) during the benchmark`);
  });
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess | undefined, graceMs = 30_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  stopped.add(child);
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** Waits until none of the tenant's calls is open, or the time is up; returns how many still are. */
export async function waitForAllFinal(client: pg.Client, tenantId: string, timeoutMs: number, everyMs = 1000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Call" WHERE "tenantId" = $1 AND status NOT IN ${FINAL}`, [tenantId]);
    const open = Number(rows[0]!.n);
    if (open === 0 || Date.now() > deadline) return open;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
