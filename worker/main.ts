// `npm run worker`: one worker for the FreeSWITCH named SWITCH_ID. Configuration comes from src/env.ts;
// SIGTERM/SIGINT drain within WORKER_DRAIN_SECONDS and exit 0 (live calls stay up on the switch). Another live
// worker holding the switch's lease makes this one exit 1 at start, naming it; losing the lease later (it lapsed
// and another worker took the switch over) drains and exits 1.
//   WORKER_HEALTH_PORT            optional GET /health endpoint
//   WORKER_DRAIN_SECONDS          drain deadline (default 25, under the usual 30 s SIGKILL grace)
//   WORKER_MAX_INFLIGHT_ORIGINATES  originates awaiting their BACKGROUND_JOB at most (default 200)
//   WORKER_RECONCILE_SECONDS      periodic reconcile (default 30)
//   WORKER_ORIGINATES_PER_SECOND  originates a second on this switch (default 80 % of its `fsctl sps`)
//   WORKER_LEASE_SECONDS          the switch's lease lapses this long after the last heartbeat renewed it (default
//                                 15, at least 10); a worker restarted after a crash waits at most this long
//   WORKER_EVENT_BUFFER           switch events held while the database is unreachable before those that decide
//                                 no status or bill (ringing, DTMF, beeps, playback failures) are shed (default 20000)
import "./process-defaults";
import { pathToFileURL } from "node:url";
import { env } from "@/env";
import { logger } from "@/server/logger";
import { startWorker, type RunningWorker, type StartWorkerOptions } from "./start-worker";
import { connectSwitch } from "./switch-connection";
import { SwitchLeaseHeldError } from "./switch-lease-keeper";

export { startWorker, type RunningWorker, type StartWorkerOptions };
export { connectSwitch };

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  const log = logger;
  const healthPort = process.env.WORKER_HEALTH_PORT ? intEnv("WORKER_HEALTH_PORT", 0) : undefined;
  const drainMs = intEnv("WORKER_DRAIN_SECONDS", 25) * 1000;
  const connection = connectSwitch({
    host: env.FREESWITCH_ESL_HOST,
    port: env.FREESWITCH_ESL_PORT,
    password: env.FREESWITCH_ESL_PASSWORD,
    log,
    // One link per switch and everything waits on it (inbound calls stay parked, queued calls undialled): back off
    // to at most 5 s, not the client's default 30 s, so a restarted switch is served within seconds.
    client: { reconnectMaxMs: 5_000 },
  });
  const worker = await startWorker({
    switchId: env.SWITCH_ID,
    connection,
    databaseUrl: env.DATABASE_URL,
    recordingsDir: env.FREESWITCH_RECORDINGS_DIR,
    defaultGateway: env.DEFAULT_CARRIER_GATEWAY,
    healthPort,
    maxInFlightOriginates: intEnv("WORKER_MAX_INFLIGHT_ORIGINATES", 200),
    reconcileMs: intEnv("WORKER_RECONCILE_SECONDS", 30) * 1000,
    registrationReconcileMs: intEnv("WORKER_REGISTRATION_RECONCILE_SECONDS", 300) * 1000,
    originatesPerSecond: process.env.WORKER_ORIGINATES_PER_SECOND ? intEnv("WORKER_ORIGINATES_PER_SECOND", 0) : undefined,
    leaseTtlMs: intEnv("WORKER_LEASE_SECONDS", 15) * 1000,
    eventBuffer: intEnv("WORKER_EVENT_BUFFER", 20_000),
    log,
  });
  let signalled = false;
  const shutdown = (reason: string, exitCode: number) => {
    if (signalled) return;
    signalled = true;
    log.info({ reason, drainMs }, "shutting down");
    // A hard stop a little after the drain deadline, in case closing itself hangs.
    setTimeout(() => process.exit(1), drainMs + 10_000).unref();
    worker
      .stop(drainMs)
      .then(({ drained }) => {
        log.info({ drained }, "bye");
        process.exit(exitCode);
      })
      .catch((err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM", 0));
  process.on("SIGINT", () => shutdown("SIGINT", 0));
  // Another worker drives the switch now: this one only finishes what it has in hand.
  void worker.leaseLost.then(() => shutdown("switch lease lost", 1));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    if (err instanceof SwitchLeaseHeldError) logger.fatal({ switchId: err.switchId, holder: err.holder }, err.message);
    else logger.fatal({ err }, "worker failed to start");
    process.exit(1);
  });
}
