// Start-up and shutdown of the app server process (Node.js runtime only; see src/instrumentation.ts).
// Shutdown order on SIGTERM/SIGINT: background loops stop at once (no new outbox work); Next's own signal
// handler stops accepting connections and lets in-flight requests finish; only then, just before the process
// exits, the Prisma pool closes, all within SHUTDOWN_DEADLINE_MS.
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { installRequestGate } from "@/server/shared/request-gate";
import { onShutdown, runShutdownHooks } from "@/server/shutdown";

const SHUTDOWN_DEADLINE_MS = Number(process.env.SHUTDOWN_DEADLINE_MS ?? 25_000);

type Stop = () => Promise<void> | void;

/** Loops that live inside the app process; each returns its stop function. */
async function backgroundServices(): Promise<{ name: string; start: () => Promise<Stop> }[]> {
  const { jobEngine } = await import("@/jobs/embedded-engine");
  return jobEngine() === "inngest"
    ? // Hands webhook events from the outbox to Inngest (also run by an Inngest cron, so a stopped app loses none).
      [{ name: "outbox-relay", start: async () => (await import("@/jobs/outbox-relay")).startOutboxRelay() }]
    : // No Inngest: fan-out, deliveries on their schedule and retention run here, their state in PostgreSQL.
      [{ name: "embedded-job-engine", start: async () => (await import("@/jobs/embedded-engine")).startEmbeddedEngine() }];
}

const globalForServer = globalThis as unknown as { irisxServerRegistered?: boolean };

export async function registerNodeServer(): Promise<void> {
  if (globalForServer.irisxServerRegistered) return; // dev-mode reloads call register() again
  globalForServer.irisxServerRegistered = true;
  // Before anything else: every request's true peer address, for per-IP limits and the switch directory.
  installRequestGate();

  if (!process.env.DATABASE_URL) {
    logger.warn("DATABASE_URL is not set: background services not started (run the app through `npm run dev` or `npm start`)");
    return;
  }
  for (const service of await backgroundServices()) {
    const stop = await service.start();
    onShutdown(service.name, stop);
    logger.info({ backgroundService: service.name }, "background service started");
  }
  installSignalHandlers();
}

function installSignalHandlers(): void {
  const realExit = process.exit.bind(process);
  let signalled = false;
  let closing: Promise<void> | undefined;

  // Background loops stop as soon as the signal arrives, while Next drains requests.
  const stopBackground = () => runShutdownHooks({ deadlineMs: SHUTDOWN_DEADLINE_MS });
  const closeDatabase = async () => {
    await stopBackground();
    await Promise.race([db.$disconnect(), new Promise((r) => setTimeout(r, 2000).unref())]);
    logger.info("shutdown: database pool closed");
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, "shutting down");
    void stopBackground();
    // Next's handler calls process.exit once the HTTP server has closed; the pool closes just before that.
    process.exit = ((code?: number) => {
      closing ??= closeDatabase();
      void closing.finally(() => realExit(code));
    }) as typeof process.exit;
    // Without Next's handler (NEXT_MANUAL_SIG_HANDLE), nobody else will exit.
    if (process.env.NEXT_MANUAL_SIG_HANDLE) process.exit(0);
    setTimeout(() => {
      logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, "shutdown deadline reached: exiting with requests still open");
      realExit(1);
    }, SHUTDOWN_DEADLINE_MS + 5_000).unref();
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
