// `npm run bench:api`: the REST API's cost, measured against a bare route on the same production server.
// Builds once into .next-bench (rebuild with --build), starts its own PostgreSQL (.data/bench-postgres) and
// `next start`, creates a tenant and API key, then runs autocannon against GET /api/ping (no auth, constant
// JSON) and the authenticated GET /api/v1/account, and compares with the targets. Exits 1 when a target is missed.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres.ts";
import { applyMigrations } from "../src/server/migrations/apply-migrations.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIST_DIR = ".next-bench";
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54341);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3199);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 25;

const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const baseEnv = { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" };

/** True when a file under src/ changed after the build, so a stale build is never measured. */
function sourcesNewerThan(mtimeMs: number): boolean {
  return readdirSync(path.join(ROOT, "src"), { recursive: true, withFileTypes: true }).some(
    (entry) => entry.isFile() && !entry.parentPath.includes("generated") && statSync(path.join(entry.parentPath, entry.name)).mtimeMs > mtimeMs,
  );
}

function build(): void {
  const buildId = path.join(ROOT, DIST_DIR, "BUILD_ID");
  if (existsSync(buildId) && !process.argv.includes("--build") && !sourcesNewerThan(statSync(buildId).mtimeMs)) {
    console.log(`using the existing production build in ${DIST_DIR} (pass --build to rebuild)`);
    return;
  }
  console.log(`next build → ${DIST_DIR} (a few minutes on two cores)…`);
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, env: { ...baseEnv, NODE_ENV: "production" }, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
}

async function seedTenantAndKey(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tenantId = `tn_bench_${randomBytes(6).toString("hex")}`;
    const keyId = `AK${randomBytes(16).toString("hex")}`;
    const secret = randomBytes(32).toString("base64url");
    // The rate limit is raised so the benchmark measures the route, not the 429 path.
    await client.query(
      `INSERT INTO "Tenant" (id, name, slug, status, "creditMicros", currency, "apiRateLimitPerSecond", "updatedAt")
       VALUES ($1, 'Benchmark', $1, 'ACTIVE', 10000000, 'USD', 1000000, now())`,
      [tenantId],
    );
    await client.query(
      `INSERT INTO "ApiKey" (id, "tenantId", name, scopes, "secretHash", "secretLast4") VALUES ($1, $2, 'bench', ARRAY['*'], $3, $4)`,
      [keyId, tenantId, createHash("sha256").update(secret).digest("hex"), secret.slice(-4)],
    );
    return `irx_${keyId}_${secret}`;
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

interface Round {
  requests: number;
  seconds: number;
  /** Every response time of the round, in ms, so percentiles are computed over the whole run, not per round. */
  latencies: number[];
  p99: number;
  non2xx: number;
  errors: number;
}

async function round(url: string, headers: Record<string, string>, seconds: number): Promise<Round> {
  const latencies: number[] = [];
  const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const r = await instance;
  return { requests: r.requests.total, seconds, latencies, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

function summarise(name: string, rounds: Round[]) {
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const all = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    route: name,
    rps: rounds.reduce((n, r) => n + r.requests, 0) / seconds,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    worstP99: Math.max(...rounds.map((r) => r.p99)),
    failed: rounds.reduce((n, r) => n + r.non2xx + r.errors, 0),
  };
}

async function main(): Promise<number> {
  build();
  const pgHandle = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", "bench-postgres"), port: PG_PORT });
  let server: ChildProcess | undefined;
  try {
    await ensureDatabase(pgHandle.url("postgres"), "irisx_bench");
    const databaseUrl = pgHandle.url("irisx_bench");
    await applyMigrations(databaseUrl);
    const token = await seedTenantAndKey(databaseUrl);

    server = spawn(process.execPath, [nextBin, "start", "-p", String(APP_PORT)], {
      cwd: ROOT,
      env: {
        ...baseEnv,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        APP_URL: `http://127.0.0.1:${APP_PORT}`,
        NEXTAUTH_URL: `http://127.0.0.1:${APP_PORT}`,
        NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("hex"),
        APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    });
    const base = `http://127.0.0.1:${APP_PORT}`;
    await waitForServer(`${base}/api/ping`, server);
    const auth = { authorization: `Bearer ${token}` };
    const check = await fetch(`${base}/api/v1/account`, { headers: auth });
    if (check.status !== 200) throw new Error(`GET /api/v1/account answered ${check.status}: ${await check.text()}`);

    console.log("warming up (JIT, connection pool, key cache)…");
    await round(`${base}/api/ping`, {}, 3);
    await round(`${base}/api/v1/account`, auth, 3);

    // Alternating short rounds, so a burst of other load on the machine hits both routes alike.
    const roundSeconds = Math.max(1, Math.round(DURATION_S / ROUNDS));
    console.log(`measuring: ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${roundSeconds} s per route`);
    const bareRounds: Round[] = [];
    const accountRounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? ["bare", "account"] : ["account", "bare"];
      for (const which of order) {
        if (which === "bare") bareRounds.push(await round(`${base}/api/ping`, {}, roundSeconds));
        else accountRounds.push(await round(`${base}/api/v1/account`, auth, roundSeconds));
      }
    }
    const bare = summarise("GET /api/ping (no auth)", bareRounds);
    const account = summarise("GET /api/v1/account (auth)", accountRounds);

    console.table(
      [bare, account].map((m) => ({ route: m.route, "req/s": Math.round(m.rps), "p50 ms": m.p50, "p99 ms": m.p99, "worst round p99 ms": m.worstP99, failed: m.failed })),
    );
    const ratio = account.rps / bare.rps;
    const ratioOk = ratio >= TARGET_RATIO;
    const p99Ok = account.p99 < TARGET_P99_MS;
    const clean = account.failed === 0 && bare.failed === 0;
    console.log(`authenticated / bare req/s: ${(ratio * 100).toFixed(1)} % (target ≥ ${TARGET_RATIO * 100} %) ${ratioOk ? "PASS" : "FAIL"}`);
    console.log(`authenticated p99 (all requests): ${account.p99} ms (target < ${TARGET_P99_MS} ms) ${p99Ok ? "PASS" : "FAIL"}`);
    if (!clean) console.log("FAIL: some requests errored or were not 2xx");
    return ratioOk && p99Ok && clean ? 0 : 1;
  } finally {
    if (server?.pid && server.exitCode === null) {
      process.kill(-server.pid, "SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    await pgHandle.stop();
  }
}

// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with status 0.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
