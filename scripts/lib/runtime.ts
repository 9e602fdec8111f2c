// What `npm run dev` and `npm start` share: fill in embedded defaults (PostgreSQL, secrets), apply migrations,
// seed demo data, and supervise child processes (Next.js, the Inngest Dev Server, the worker and the switch
// simulator) so that one Ctrl+C or SIGTERM stops them all, then PostgreSQL.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import nextEnv from "@next/env";
import { applyMigrations } from "../../src/server/migrations/apply-migrations.ts";
import { ensureDatabase, superviseEmbeddedPostgres, type EmbeddedPostgresHandle } from "./embedded-postgres.ts";
import type { TelephonyPlan } from "./telephony-plan.ts";

export type Mode = "development" | "production";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const SECRETS_FILE = path.join(ROOT, ".data", "secrets.json");

export const log = (message: string) => console.log(`[irisx] ${message}`);
export const warn = (message: string) => console.warn(`[irisx] ${message}`);

export class LaunchError extends Error {}

/**
 * Reads .env, .env.local, .env.<mode>(.local) exactly as Next.js will (Next's own loader), so that a
 * DATABASE_URL in .env is seen here too and the launcher does not start an embedded PostgreSQL beside it.
 */
export function loadEnvFiles(mode: Mode): void {
  nextEnv.loadEnvConfig(ROOT, mode === "development", { info: () => undefined, error: (...a: unknown[]) => console.error(...a) });
}

/** A box that stands out in a scrolling dev console. */
export function printBox(title: string, lines: string[]): void {
  const width = Math.max(title.length, ...lines.map((l) => l.length)) + 4;
  const bar = "═".repeat(width);
  const row = (s: string) => `║  ${s.padEnd(width - 4)}  ║`;
  console.log(["", `╔${bar}╗`, row(title), `╟${"─".repeat(width)}╢`, ...lines.map(row), `╚${bar}╝`, ""].join("\n"));
}

// ---- 1. Database -------------------------------------------------------------------------------------
export interface Database {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under .data/postgres with a database `irisx`. */
export async function prepareDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => undefined };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const dataDir = path.resolve(ROOT, process.env.EMBEDDED_PG_DIR ?? ".data/postgres");
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // Kept running: if it dies while the launcher runs, it is started again (and the launcher says so).
  const supervised = await superviseEmbeddedPostgres({ dataDir, port }, { info: log, warn });
  const handle: EmbeddedPostgresHandle = supervised.handle();
  await ensureDatabase(handle.url("postgres"), "irisx");
  log(
    handle.startedHere
      ? `embedded PostgreSQL started on port ${port} (data in ${path.relative(ROOT, dataDir)})`
      : handle.owned
        ? `embedded PostgreSQL left running on port ${port} by a launcher that is gone: taking it over (stopped on exit)`
        : `embedded PostgreSQL already running on port ${port}: reusing it (left running on exit)`,
  );
  const stop = async () => {
    const owned = supervised.handle().owned;
    await supervised.stop();
    if (owned) log("embedded PostgreSQL stopped");
  };
  return { url: handle.url("irisx"), embedded: true, stop };
}

// ---- 2. Secrets --------------------------------------------------------------------------------------
const SECRET_NAMES = ["NEXTAUTH_SECRET", "APP_ENCRYPTION_KEY"] as const;

function generateSecrets(): Record<(typeof SECRET_NAMES)[number], string> {
  return { NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), APP_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
}

/**
 * Fills NEXTAUTH_SECRET and APP_ENCRYPTION_KEY. A production run against a real database must bring its own
 * (losing a generated key would make every stored webhook secret unreadable); local runs keep generated ones
 * in .data/secrets.json so sessions and encrypted rows survive restarts.
 */
export function prepareSecrets(mode: Mode, embeddedDatabase: boolean, secretsFile = SECRETS_FILE): void {
  const missing = SECRET_NAMES.filter((name) => !process.env[name]);
  if (missing.length > 0 && mode === "production" && !embeddedDatabase) {
    throw new LaunchError(
      `${missing.join(" and ")} must be set in production when DATABASE_URL points at your own PostgreSQL.\n` +
        `  Generate them with:  node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
    );
  }
  if (missing.length > 0) {
    let stored: Partial<Record<string, string>> = {};
    if (existsSync(secretsFile)) stored = JSON.parse(readFileSync(secretsFile, "utf8")) as Record<string, string>;
    const fresh = generateSecrets();
    let changed = false;
    for (const name of SECRET_NAMES) {
      if (!stored[name]) {
        stored[name] = fresh[name];
        changed = true;
      }
    }
    if (changed) {
      mkdirSync(path.dirname(secretsFile), { recursive: true });
      writeFileSync(secretsFile, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
      log(`generated local secrets in ${path.relative(ROOT, secretsFile)}`);
    }
    for (const name of missing) process.env[name] = stored[name];
  }
  const key = Buffer.from(process.env.APP_ENCRYPTION_KEY ?? "", "base64");
  if (key.length !== 32) throw new LaunchError("APP_ENCRYPTION_KEY must be 32 random bytes, base64-encoded");
}

// ---- 3. Migrations and seed --------------------------------------------------------------------------
export async function migrate(url: string): Promise<void> {
  const applied = await applyMigrations(url);
  log(applied.length > 0 ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : "database schema is up to date");
}

/** Runs the idempotent demo seed (prisma/seed.ts) and prints who can sign in. */
export async function seedDemoData(): Promise<void> {
  // Imported only now: src/env.ts reads the environment this launcher has just filled in.
  const [{ seedDemo }, { DEMO_USERS, DEMO_PASSWORD }, { db }] = await Promise.all([
    import("../../prisma/seed.ts"),
    import("../../src/server/dev/seed-demo.ts"),
    import("../../src/server/db.ts"),
  ]);
  await seedDemo(db);
  await db.$disconnect();
  const appUrl = process.env.APP_URL ?? "http://localhost:3000";
  printBox(`IRISX demo data is ready: open ${appUrl}`, [
    ...DEMO_USERS.map((u) => `${u.email.padEnd(30)} ${u.isPlatformStaff ? "platform staff (/admin)" : u.role?.toLowerCase()}`),
    "",
    `password for all of them: ${DEMO_PASSWORD}`,
  ]);
}

// ---- 4. Inngest Dev Server ---------------------------------------------------------------------------
const INNGEST_UNAVAILABLE =
  "Inngest Dev Server not available on this machine: events stay in the outbox and are delivered when INNGEST_BASE_URL points at a running Inngest";

/** The Inngest Dev Server child, when `inngest-cli` is installed and no INNGEST_BASE_URL is configured. */
export function inngestDevServer(appPort: number): ChildSpec | null {
  if (process.env.INNGEST_BASE_URL) {
    log(`Inngest: using ${process.env.INNGEST_BASE_URL}`);
    return null;
  }
  const probe = spawnSync("npx", ["--no-install", "inngest-cli", "version"], { cwd: ROOT, stdio: "ignore", timeout: 15_000 });
  if (probe.status !== 0) {
    warn(INNGEST_UNAVAILABLE);
    return null;
  }
  process.env.INNGEST_BASE_URL = "http://127.0.0.1:8288";
  process.env.INNGEST_DEV = "1";
  log("Inngest Dev Server starting on http://localhost:8288");
  return {
    name: "inngest",
    command: "npx",
    args: ["--no-install", "inngest-cli", "dev", "-u", `http://localhost:${appPort}/api/inngest`, "--no-discovery"],
    required: false,
  };
}

// ---- 5. Telephony: a real FreeSWITCH, the switch simulator, or none (telephony-plan.ts decides) ------------
/**
 * The children that carry out a telephony plan: the worker for a configured FreeSWITCH; the switch simulator and a
 * worker on it; or nothing. With the simulator, TELEPHONY_SIMULATED=1 makes the UI show a "simulated telephony"
 * badge, and the simulator writes its recordings where the worker reads the switch's recordings.
 */
export function telephonySpecs(plan: TelephonyPlan, opts: { eslPort?: number; controlPort?: number } = {}): ChildSpec[] {
  const tsx = (entry: string) => [process.execPath, ["--import", "tsx", entry]] as const;
  process.env.TELEPHONY_SIMULATED = plan.kind === "simulator" ? "1" : "0";
  if (plan.kind === "none") {
    log(`telephony: ${plan.reason}`);
    return [];
  }
  const specs: ChildSpec[] = [];
  process.env.FREESWITCH_RECORDINGS_DIR ??= path.join(ROOT, ".data", "switch-recordings");
  // The worker's own environment: it reaches the switch on the address below.
  let workerEnv: Record<string, string | undefined> = {};
  if (plan.kind === "switch") {
    log(`telephony: ${plan.reason}`);
  } else {
    const eslPort = opts.eslPort ?? Number(process.env.SIM_ESL_PORT ?? 8021);
    const controlPort = opts.controlPort ?? Number(process.env.SIM_CONTROL_PORT ?? 8022);
    const password = process.env.FREESWITCH_ESL_PASSWORD ?? "ClueCon";
    Object.assign(process.env, {
      SIM_ESL_PORT: String(eslPort),
      SIM_CONTROL_PORT: String(controlPort),
      SIM_ESL_PASSWORD: password,
      SIM_RECORDINGS_DIR: process.env.FREESWITCH_RECORDINGS_DIR,
      SIMULATOR_CONTROL_URL: `http://127.0.0.1:${controlPort}`,
    });
    const [command, args] = tsx("freeswitch/simulator/main.ts");
    specs.push({ name: "simulator", command, args: [...args], required: true });
    workerEnv = { FREESWITCH_ESL_HOST: "127.0.0.1", FREESWITCH_ESL_PORT: String(eslPort) };
    log(`telephony: ${plan.reason}, so the switch simulator listens on ESL ${eslPort} (control API ${controlPort})`);
  }
  const [command, args] = tsx("worker/main.ts");
  specs.push({ name: "worker", command, args: [...args], required: true, env: workerEnv });
  return specs;
}

// ---- 6. Child processes ------------------------------------------------------------------------------
export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  /** When a required child exits, everything stops and the launcher exits with its code. */
  required: boolean;
  /** Extra environment for this child only. */
  env?: Record<string, string | undefined>;
}

const require = createRequire(import.meta.url);
export const NEXT_BIN = require.resolve("next/dist/bin/next");

/**
 * V8 flags of the production app server (`SERVER_NODE_FLAGS` replaces them). Under load every request leaves
 * objects that only a full (mark-compact) collection frees: Next.js builds a Request with an abort signal for each
 * one, and Node's undici registers it for finalization. Old space therefore grows by 10–13 MB/s at 300 calls/s
 * (7 MB/s for a bare GET), and V8 runs a full collection every 10–15 s, each of which holds requests for up to
 * ~100 ms (its final pause, the marking steps before it, and the marker threads taking the second core). Letting old space grow to five times the
 * live set before collecting (V8's default factor is at most four, less under pressure) makes that about every
 * 30 s at 300/s, for a heap of about 400 MB at peak. Measured by `npm run bench:calls` (README, Benchmarks).
 */
export const DEFAULT_SERVER_NODE_FLAGS = "--heap-growing-percent=400";

export function serverNodeFlags(env: Record<string, string | undefined> = process.env): string[] {
  return (env.SERVER_NODE_FLAGS ?? DEFAULT_SERVER_NODE_FLAGS).split(/\s+/).filter(Boolean);
}

export function nextSpec(command: "dev" | "start", port: number): ChildSpec {
  const flags = command === "start" ? serverNodeFlags() : [];
  return { name: "next", command: process.execPath, args: [...flags, NEXT_BIN, command, "--port", String(port)], required: true };
}

/**
 * Starts the children with the launcher's environment and stops them (then `after`, i.e. PostgreSQL) on
 * SIGINT/SIGTERM or when a required child exits. Resolves never: the launcher exits from here.
 */
export function supervise(specs: ChildSpec[], after: () => Promise<void>): void {
  const running = new Map<string, ChildProcess>();
  let stopping = false;

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      [...running.entries()].map(
        ([name, child]) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => {
              warn(`${name} did not stop within 30 s: killing it`);
              child.kill("SIGKILL");
            }, 30_000);
            child.once("exit", () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
    await after().catch((e: unknown) => warn(`stopping PostgreSQL failed: ${String(e)}`));
    process.exit(exitCode);
  };

  for (const spec of specs) {
    const child = spawn(spec.command, spec.args, { cwd: ROOT, env: { ...process.env, ...spec.env }, stdio: "inherit" });
    running.set(spec.name, child);
    child.on("exit", (code, signal) => {
      if (stopping) return;
      if (spec.required) {
        warn(`${spec.name} exited (${signal ?? code}): stopping everything`);
        void stopAll(code ?? 1);
      } else {
        warn(`${spec.name} exited (${signal ?? code}); the rest keeps running`);
      }
    });
    child.on("error", (e) => warn(`${spec.name} could not start: ${e.message}`));
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      log(`${signal}: stopping`);
      void stopAll(0);
    });
  }
}

/** Prints a launch failure plainly (no stack for configuration mistakes) and exits. */
export async function runLauncher(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (e instanceof LaunchError) console.error(`\n[irisx] cannot start: ${e.message}\n`);
    else console.error(e);
    process.exit(1);
  }
}

// ---- 6. Numbers on the simulated stack ------------------------------------------------------------------------
/**
 * With the switch simulator and no number provider configured, tenants still buy numbers and verify caller IDs as
 * they would in production: a local stand-in of Twilio's number API (src/test/number-provider-stand-ins.ts, the one
 * the tests use) runs inside this launcher, and verification calls show the simulator's caller ID. `npm start`
 * never does this: production buys from a real provider or none.
 */
export async function simulatedNumberProvider(plan: TelephonyPlan): Promise<void> {
  if (plan.kind !== "simulator") return;
  process.env.CALLER_ID_VERIFICATION_FROM ??= "+18005550100";
  if (process.env.NUMBER_PROVIDER) return;
  const { startTwilioNumbersStandIn } = await import("../../src/test/number-provider-stand-ins.ts");
  const standIn = await startTwilioNumbersStandIn(Number(process.env.SIM_NUMBERS_PORT ?? 0));
  Object.assign(process.env, standIn.env);
  log(`numbers: no NUMBER_PROVIDER, so a stand-in of Twilio's number API sells +1 <area> 555 numbers at ${standIn.baseUrl}`);
}
