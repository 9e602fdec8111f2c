// Test support for the worker's integration tests: a simulator, a worker on it (in-process, real database),
// tenants and calls through the real use-cases, and waiting for the database to reach a state.
import { testTenantIds } from "@/test/factories";
import { mkdtemp, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { env } from "@/env";
import { createCall } from "@/server/calls/create-call";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { startSimulator, type Simulator } from "../freeswitch/simulator/index";
import { startWorker, type RunningWorker, type StartWorkerOptions } from "./start-worker";
import { connectSwitch } from "./switch-connection";
import type { TCreateCallInput } from "@/server/calls/calls.schemas";
import type { Actor } from "@/server/tenancy";
import { waitFor as pollUntil } from "@/test/wait-for";

export async function startTestSimulator(opts: { timeScale?: number; recordingsDir?: string; clockOffsetSeconds?: number; eslPort?: number } = {}): Promise<Simulator> {
  return startSimulator({ eslPort: opts.eslPort ?? 0, controlPort: 0, timeScale: opts.timeScale ?? 0.05, recordingsDir: opts.recordingsDir, heartbeatSeconds: 20, clockOffsetSeconds: opts.clockOffsetSeconds });
}

/** Points FREESWITCH_RECORDINGS_DIR (and the store) at a fresh temp folder; the simulator writes there. */
export async function useTempRecordingDirs(): Promise<{ switchDir: string; storeDir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), "irisx-worker-"));
  env.RECORDINGS_DIR = path.join(root, "store");
  env.FREESWITCH_RECORDINGS_DIR = path.join(root, "switch");
  await mkdir(env.FREESWITCH_RECORDINGS_DIR, { recursive: true });
  return { switchDir: env.FREESWITCH_RECORDINGS_DIR, storeDir: env.RECORDINGS_DIR };
}

export async function startTestWorker(sim: Simulator, opts: Partial<StartWorkerOptions> & { switchId?: string } = {}): Promise<RunningWorker> {
  const log = opts.log ?? logger;
  const connection = connectSwitch({
    host: "127.0.0.1",
    port: sim.eslPort,
    password: "ClueCon",
    log,
    client: { reconnectBaseMs: 50, reconnectMaxMs: 200, heartbeatTimeoutMs: 0 },
  });
  const worker = await startWorker({
    switchId: opts.switchId ?? "fs-test",
    connection,
    databaseUrl: env.DATABASE_URL!,
    recordingsDir: env.FREESWITCH_RECORDINGS_DIR,
    defaultGateway: "default",
    heartbeatMs: 1_000,
    // Short, so a test that kills a worker and starts the next on its switch waits seconds for the lease, not 15.
    leaseTtlMs: 4_000,
    originatePollMs: 100,
    endRequestPollMs: 300,
    queueExpiryPollMs: 200,
    reconcileMs: 60_000,
    callbackIdleMs: 100,
    acdSettleMs: 500,
    // Only the round at link-up (agents made by fixture are registered without a phone on the simulator).
    registrationReconcileMs: 3_600_000,
    tenantIds: testTenantIds,
    log,
    ...opts,
  });
  await worker.linkUp;
  return worker;
}

/**
 * Simulators and workers for a test file, stopped after each test (the workers first, each drained briefly, which
 * releases its switch's lease). `workerDefaults` apply to every worker the file starts.
 */
export function testFleet(workerDefaults: Partial<StartWorkerOptions> = {}) {
  const sims: Simulator[] = [];
  const workers: RunningWorker[] = [];
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop(2_000).catch(() => undefined);
    for (const s of sims.splice(0)) await s.close();
  });
  return {
    async sim(): Promise<Simulator> {
      const s = await startTestSimulator({ timeScale: 0.05, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
      sims.push(s);
      return s;
    },
    async worker(s: Simulator, opts: Partial<StartWorkerOptions> = {}): Promise<RunningWorker> {
      const w = await startTestWorker(s, { ...workerDefaults, ...opts });
      workers.push(w);
      return w;
    },
  };
}

export async function placeCall(actor: Actor, input: TCreateCallInput) {
  return createCall(actor, input, { surface: "native" });
}

/** Polls `check` until it returns a truthy value (returned), or fails after `timeoutMs`. */
export function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  return pollUntil(what, check, timeoutMs, everyMs);
}

export async function waitForFinalCall(callId: string, timeoutMs = 10_000) {
  return waitFor(
    `call ${callId} to end`,
    async () => {
      // The final status first: Prisma reads relations in separate queries, so one read could mix before and after.
      const final = await db.call.count({ where: { id: callId, status: { in: ["COMPLETED", "BUSY", "FAILED", "NO_ANSWER", "CANCELED"] } } });
      if (!final) return null;
      return db.call.findUnique({ where: { id: callId }, include: { callRecord: true, events: { orderBy: { sequence: "asc" } }, callbacks: { orderBy: { sequence: "asc" } } } });
    },
    timeoutMs,
  );
}
