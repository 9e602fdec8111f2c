// `npm run bench:api`: the REST API's cost, measured against a bare route on the same production server.
// Builds once into .next-bench (rebuild with --build), starts its own PostgreSQL (.data/bench-postgres) and
// `next start`, creates a tenant and API key, then runs autocannon against GET /api/ping (no auth, constant
// JSON) and the authenticated GET /api/v1/account, and compares with the targets. Exits 1 when a target is missed.
import autocannon from "autocannon";
import { buildOnce, percentile, runBenchmark, seedBenchTenant, startBenchDatabase, startNextServer } from "./lib/harness.ts";

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3199);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 25;

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
  buildOnce();
  const database = await startBenchDatabase("irisx_bench");
  let server: Awaited<ReturnType<typeof startNextServer>> | undefined;
  try {
    const { token } = await seedBenchTenant(database.url);
    server = await startNextServer({ port: APP_PORT, databaseUrl: database.url });
    const base = server.base;
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
    await server?.stop();
    await database.stop();
  }
}

runBenchmark(main);
