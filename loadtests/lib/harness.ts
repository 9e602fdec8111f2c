// What the benchmarks share: one production build per source state, an embedded PostgreSQL of their own, a
// `next start` child, a benchmark tenant with an API key, and percentiles over every sample.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres.ts";
import { serverNodeFlags } from "../../scripts/lib/runtime.ts";
import { applyMigrations } from "../../src/server/migrations/apply-migrations.ts";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const DIST_DIR = ".next-bench";
const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const baseEnv = { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" };

/** True when a file under src/ changed after the build, so a stale build is never measured. */
function sourcesNewerThan(mtimeMs: number): boolean {
  return readdirSync(path.join(ROOT, "src"), { recursive: true, withFileTypes: true }).some(
    (entry) => entry.isFile() && !entry.parentPath.includes("generated") && statSync(path.join(entry.parentPath, entry.name)).mtimeMs > mtimeMs,
  );
}

/** `next build` into .next-bench unless an up-to-date build is there (`--build` forces one). */
export function buildOnce(): void {
  const buildId = path.join(ROOT, DIST_DIR, "BUILD_ID");
  if (existsSync(buildId) && !process.argv.includes("--build") && !sourcesNewerThan(statSync(buildId).mtimeMs)) {
    console.log(`using the existing production build in ${DIST_DIR} (pass --build to rebuild)`);
    return;
  }
  console.log(`next build → ${DIST_DIR} (a few minutes on two cores)…`);
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, env: { ...baseEnv, NODE_ENV: "production" }, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
  // The build leaves hundreds of MB of dirty pages; written back during a measurement they stall PostgreSQL's
  // WAL flushes (seen as 100–700 ms latency spikes). Write them now.
  spawnSync("sync", { stdio: "inherit" });
}

/**
 * A migrated database `name` on the benchmarks' own embedded PostgreSQL, dropped again by `stop`. Databases left by
 * earlier runs that were killed are dropped first: each keeps autovacuum busy (it visits every database of the
 * cluster in turn), and with dozens of them that background work showed up as latency spikes in the figures.
 */
export async function startBenchDatabase(name: string, port = Number(process.env.BENCH_PG_PORT ?? 25441)) {
  // BENCH_PG_LOG=<file> appends the server's log there (checkpoints, autovacuum, slow statements when enabled);
  // otherwise it goes to .data/bench-postgres.log. Its lines carry their own timestamps (log_line_prefix '%m').
  const handle = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", "bench-postgres"), port, logFile: process.env.BENCH_PG_LOG });
  await dropDatabases(handle.url("postgres"), (db) => db !== name && BENCH_DATABASE.test(db), { unlessInUse: true });
  await ensureDatabase(handle.url("postgres"), name);
  const url = handle.url(name);
  await applyMigrations(url);
  // Creating and migrating a database writes a burst of WAL and dirty pages; flush them now, not mid-measurement.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("CHECKPOINT").finally(() => client.end());
  spawnSync("sync", { stdio: "inherit" });
  return {
    url,
    stop: async () => {
      await dropDatabases(handle.url("postgres"), (db) => db === name).catch((err: unknown) => console.warn(`could not drop ${name}:`, err));
      await handle.stop();
    },
  };
}

/** The databases benchmarks create (`irisx_bench_<what>_<time>`). */
const BENCH_DATABASE = /^irisx_bench_/;

/** Drops the databases `which` picks; with `unlessInUse`, not one with connections (another benchmark running). */
async function dropDatabases(adminUrl: string, which: (name: string) => boolean, opts: { unlessInUse?: boolean } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database d WHERE NOT datistemplate ${opts.unlessInUse ? "AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)" : ""}`,
    );
    for (const { datname } of rows.filter((r) => which(r.datname))) await client.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, "")}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export interface BenchTenant {
  tenantId: string;
  token: string;
}

/** A tenant (limits raised so the benchmark measures the system, not the 429 path) and an all-scopes API key. */
export async function seedBenchTenant(databaseUrl: string, limits: { callsPerSecond?: number; maxConcurrentCalls?: number; maxQueueSeconds?: number } = {}): Promise<BenchTenant> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tenantId = `tn_bench_${randomBytes(6).toString("hex")}`;
    const keyId = `AK${randomBytes(16).toString("hex")}`;
    const secret = randomBytes(32).toString("base64url");
    await client.query(
      `INSERT INTO "Tenant" (id, name, slug, status, "creditMicros", currency, "apiRateLimitPerSecond", "callsPerSecond", "maxConcurrentCalls", "maxQueueSeconds", "updatedAt")
       VALUES ($1, 'Benchmark', $1, 'ACTIVE', 1000000000000, 'USD', 1000000, $2, $3, $4, now())`,
      [tenantId, limits.callsPerSecond ?? 5, limits.maxConcurrentCalls ?? 50, limits.maxQueueSeconds ?? 60],
    );
    await client.query(
      `INSERT INTO "ApiKey" (id, "tenantId", name, scopes, "secretHash", "secretLast4") VALUES ($1, $2, 'bench', ARRAY['*'], $3, $4)`,
      [keyId, tenantId, createHash("sha256").update(secret).digest("hex"), secret.slice(-4)],
    );
    return { tenantId, token: `irx_${keyId}_${secret}` };
  } finally {
    await client.end();
  }
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

/** `next start` on the benchmark build; resolves once /api/ping answers. */
export async function startNextServer(opts: { port: number; databaseUrl: string; env?: Record<string, string> }) {
  const base = `http://127.0.0.1:${opts.port}`;
  // BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of the API server there (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  if (process.env.BENCH_TRACE_GC) profile.push("--trace-gc");
  // The production server's V8 flags (`npm start`); SERVER_NODE_FLAGS overrides them here too ("" for V8's defaults).
  const server = spawn(process.execPath, [...profile, ...serverNodeFlags(), nextBin, "start", "-p", String(opts.port)], {
    cwd: ROOT,
    env: {
      ...baseEnv,
      NODE_ENV: "production",
      DATABASE_URL: opts.databaseUrl,
      APP_URL: base,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("hex"),
      APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
      LOG_LEVEL: "warn",
      ...opts.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  await waitForServer(`${base}/api/ping`, server);
  return {
    base,
    stop: async () => {
      if (server.pid && server.exitCode === null) {
        process.kill(-server.pid, "SIGTERM");
        await new Promise((r) => server.once("exit", r));
      }
    },
  };
}

/**
 * Milliseconds a fixed busy loop takes on this process's core: the machine's speed right now. A shared or
 * throttled host can run the same code at half speed from one hour to the next (on the development VM this loop
 * took 415 ms in one run and 738 ms forty minutes later), so benchmark figures are printed with it.
 */
export function cpuReferenceMs(): number {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < 300_000_000; i++) x += i % 7;
  if (x < 0) console.log(x); // keeps the loop from being optimized away
  return Math.round(performance.now() - started);
}

/** The p-th percentile of an ascending list, to one decimal. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

/** Runs a benchmark's main and exits with its code, whatever handles (children, sockets) are still open. */
export function runBenchmark(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
