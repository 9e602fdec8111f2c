// `npm run bench:calls`: the voice path end to end on one machine: the API (`next start` on the production build),
// the worker (`npm run worker`) and the switch simulator, each its own process, on their own PostgreSQL.
//
//   1. API: POST /api/v1/calls at 300/s (open loop, lib/open-loop.ts) for BENCH_API_SECONDS (30) after a
//      BENCH_API_WARMUP_SECONDS (20) ramp. Target: every call accepted (201) with p99 under 50 ms. This tenant may not start calls (maxConcurrentCalls 0), so the
//      phase measures the API alone; its calls are removed afterwards.
//   2. Sustain: 100 new calls per second for BENCH_SUSTAIN_SECONDS (60) to a number that answers after 1 s of
//      ringing and hangs up after 10 s, so about 1,000 calls are live at once. Then every call must end with
//      exactly one call record, one ledger entry and one `completed` event, and none may be stuck.
//   3. Ceiling: steps of BENCH_CEILING_RATES (calls/s) for BENCH_STEP_SECONDS each; the ceiling is the highest
//      rate whose originate lag (queued → initiated) stays under 2 s at p95 with no growing backlog.
// Flags: --build (rebuild), --skip-api, --skip-ceiling.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { freePort } from "../scripts/lib/free-port.ts";
import { startChild, stopChild, waitForAllFinal } from "./lib/voice-stack.ts";
import { describeSlowSeconds, runOpenLoop } from "./lib/open-loop.ts";
import { buildOnce, cpuReferenceMs, percentile, ROOT, runBenchmark, seedBenchTenant, startBenchDatabase, startNextServer } from "./lib/harness.ts";

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3198);
const API_RATE = Number(process.env.BENCH_API_RATE ?? 300);
const API_SECONDS = Number(process.env.BENCH_API_SECONDS ?? 30);
const API_WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP_SECONDS ?? 20);
const SUSTAIN_RATE = Number(process.env.BENCH_SUSTAIN_RATE ?? 100);
const SUSTAIN_SECONDS = Number(process.env.BENCH_SUSTAIN_SECONDS ?? 60);
const CEILING_RATES = (process.env.BENCH_CEILING_RATES ?? "150,200,300,400").split(",").map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
/** Each benchmark tenant owns its own caller number (numbers are globally unique). */
let nextFrom = 1000 + Math.floor(Math.random() * 8000);
const newFrom = () => `+1500555${String(nextFrom++).padStart(4, "0")}`;
/** Simulator magic number: rings 1 s, answers, the far end hangs up after 10 s. */
const TO_TEN_SECONDS = "+15005550110";
/** A greeting, then silence longer than the call: the far end's hang-up after 10 s ends it, not the instructions. */
const INSTRUCTIONS = [{ say: "Benchmark call." }, { pause: 60 }];
const LIVE = `('INITIATED','RINGING','IN_PROGRESS')`;
const FINAL = `('COMPLETED','BUSY','FAILED','NO_ANSWER','CANCELED')`;
const args = new Set(process.argv.slice(2));



async function addNumber(client: pg.Client, tenantId: string): Promise<string> {
  const e164 = newFrom();
  await client.query(
    `INSERT INTO "PhoneNumber" (id, "tenantId", e164, origin, "voiceEnabled", "updatedAt") VALUES ($1, $2, $3, 'ASSIGNED', true, now())`,
    [`PN${randomBytes(16).toString("hex")}`, tenantId, e164],
  );
  return e164;
}

function printFailures(kinds: Record<string, { count: number; sample: string }>): void {
  for (const [kind, { count, sample }] of Object.entries(kinds)) console.log(`   failed: ${count} × ${kind}: ${sample}`);
}

/** POSTs calls at `rate` per second for `seconds`, evenly spaced (open loop). */
async function placeCalls(base: string, token: string, from: string, rate: number, seconds: number, to: string) {
  const body = JSON.stringify({ to, from, instructions: INSTRUCTIONS });
  const r = await runOpenLoop({ request: { url: `${base}/api/v1/calls`, method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body }, rate, seconds, okStatus: 201 });
  const failed = r.errors + Object.values(r.otherStatuses).reduce((a, b) => a + b, 0);
  return { accepted: r.latencies.length, failed, failureKinds: r.failureKinds, latencies: r.latencies };
}

interface Sample {
  t: number;
  live: number;
  queued: number;
}

/** Samples live and queued calls of a tenant once a second until stopped, on its own connection. */
function sampleLoad(databaseUrl: string, tenantId: string) {
  const samples: Sample[] = [];
  const started = Date.now();
  let running = true;
  const client = new pg.Client({ connectionString: databaseUrl });
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ live: string; queued: string }>(
        `SELECT count(*) FILTER (WHERE status IN ${LIVE}) AS live, count(*) FILTER (WHERE status = 'QUEUED') AS queued FROM "Call" WHERE "tenantId" = $1`,
        [tenantId],
      );
      samples.push({ t: Math.round((Date.now() - started) / 1000), live: Number(rows[0]!.live), queued: Number(rows[0]!.queued) });
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return {
    samples,
    stop: async () => {
      running = false;
      await loop;
      await client.end();
    },
  };
}


/** Lag from queued to initiated (the originate) for a tenant's calls, in ms, ascending. */
async function originateLags(client: pg.Client, tenantId: string): Promise<number[]> {
  const { rows } = await client.query<{ ms: number }>(
    `SELECT EXTRACT(EPOCH FROM ("initiatedAt" - "queuedAt")) * 1000 AS ms FROM "Call" WHERE "tenantId" = $1 AND "initiatedAt" IS NOT NULL ORDER BY 1`,
    [tenantId],
  );
  return rows.map((r) => Number(r.ms));
}

/** Every call of the tenant final, with exactly one record, one ledger entry and one completed event. */
async function audit(client: pg.Client, tenantId: string) {
  const q = async (sql: string) => Number((await client.query<{ n: string }>(sql, [tenantId])).rows[0]!.n);
  return {
    calls: await q(`SELECT count(*) AS n FROM "Call" WHERE "tenantId" = $1`),
    records: await q(`SELECT count(*) AS n FROM "CallRecord" WHERE "tenantId" = $1`),
    duplicateRecords: await q(`SELECT count(*) AS n FROM (SELECT "callId" FROM "CallRecord" WHERE "tenantId" = $1 GROUP BY 1 HAVING count(*) > 1) d`),
    duplicateCompletedEvents: await q(
      `SELECT count(*) AS n FROM (SELECT "callId" FROM "CallEvent" e WHERE e."tenantId" = $1 AND e.type = 'completed' GROUP BY 1 HAVING count(*) > 1) d`,
    ),
    callsWithoutRecord: await q(`SELECT count(*) AS n FROM "Call" c WHERE c."tenantId" = $1 AND NOT EXISTS (SELECT 1 FROM "CallRecord" r WHERE r."callId" = c.id)`),
    stuck: await q(`SELECT count(*) AS n FROM "Call" WHERE "tenantId" = $1 AND status NOT IN ${FINAL}`),
    completed: await q(`SELECT count(*) AS n FROM "Call" WHERE "tenantId" = $1 AND status = 'COMPLETED'`),
    ledgerEntries: await q(`SELECT count(*) AS n FROM "CreditLedgerEntry" WHERE "tenantId" = $1 AND "amountMicros" < 0`),
  };
}

async function main(): Promise<number> {
  buildOnce();
  console.log(`machine speed: a fixed loop took ${cpuReferenceMs()} ms (lower is faster; compare runs with it)`);
  const database = await startBenchDatabase(`irisx_bench_calls_${Date.now()}`);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let server: Awaited<ReturnType<typeof startNextServer>> | undefined;
  let simulator: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  const secrets = { NEXTAUTH_SECRET: randomBytes(32).toString("hex"), APP_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  const recordingsDir = path.join(ROOT, ".data", "bench-switch-recordings");
  let ok = true;
  try {
    const eslPort = await freePort();
    const controlPort = await freePort();
    simulator = startChild("simulator", "freeswitch/simulator/main.ts", { SIM_ESL_PORT: String(eslPort), SIM_CONTROL_PORT: String(controlPort), SIM_RECORDINGS_DIR: recordingsDir });
    worker = startChild("worker", "worker/main.ts", {
      ...secrets,
      DATABASE_URL: database.url,
      FREESWITCH_ESL_HOST: "127.0.0.1",
      FREESWITCH_ESL_PORT: String(eslPort),
      FREESWITCH_RECORDINGS_DIR: recordingsDir,
      SWITCH_ID: "bench-fs1",
      DATABASE_POOL_SIZE: "20",
    });
    server = await startNextServer({ port: APP_PORT, databaseUrl: database.url, env: { ...secrets, DATABASE_POOL_SIZE: "20" } });

    // ── 1. The API at 300 calls/s ──
    if (!args.has("--skip-api")) {
      // Its calls stay queued for the whole phase: none may expire (QUEUE_TIMEOUT) and load the worker and database meanwhile.
      const api = await seedBenchTenant(database.url, { callsPerSecond: 1, maxConcurrentCalls: 0, maxQueueSeconds: 3600 });
      const from = await addNumber(client, api.tenantId);
      const body = JSON.stringify({ to: TO_TEN_SECONDS, from, instructions: INSTRUCTIONS });
      const request = { url: `${server.base}/api/v1/calls`, method: "POST" as const, headers: { authorization: `Bearer ${api.token}`, "content-type": "application/json" }, body };
      // A freshly started server runs cold code (JIT); ramp it up the way traffic arrives before measuring.
      console.log(`\n1. POST /api/v1/calls: warming up (${API_WARMUP_SECONDS} s ramping to ${API_RATE}/s)…`);
      for (const fraction of [0.25, 0.5, 0.75, 1]) await runOpenLoop({ request, rate: API_RATE * fraction, seconds: API_WARMUP_SECONDS / 4, okStatus: 201 });
      console.log(`   measuring ${API_RATE} calls/s for ${API_SECONDS} s from ${new Date().toISOString()} (open loop: evenly spaced, latency from each request's due time)`);
      const r = await runOpenLoop({ request, rate: API_RATE, seconds: API_SECONDS, okStatus: 201 });
      const latencies = r.latencies;
      const rate = latencies.length / API_SECONDS;
      const p99 = percentile(latencies, 99);
      const non201 = Object.values(r.otherStatuses).reduce((a, b) => a + b, 0);
      const apiOk = non201 === 0 && r.errors === 0 && rate >= API_RATE * 0.97 && p99 < 50;
      console.table([{ "accepted/s": Math.round(rate), "p50 ms": percentile(latencies, 50), "p95 ms": percentile(latencies, 95), "p99 ms": p99, "max ms": percentile(latencies, 100), "non-201": non201, errors: r.errors, "generator lag p99/max ms": `${Math.round(r.sendLagP99 * 10) / 10} / ${Math.round(r.sendLagMax)}`, "generator GC max ms": Math.round(r.generatorGcMaxMs) }]);
      console.log(`   target: ${API_RATE}/s accepted with p99 < 50 ms → ${apiOk ? "PASS" : "FAIL"}`);
      console.log(`   ${describeSlowSeconds(r, API_SECONDS)}`);
      printFailures(r.failureKinds);
      ok &&= apiOk;
      await client.query(`DELETE FROM "Call" WHERE "tenantId" = $1`, [api.tenantId]);
    }

    // ── 2. 100 new calls/s with ~1,000 live for 60 s ──
    const sustain = await seedBenchTenant(database.url, { callsPerSecond: 10_000, maxConcurrentCalls: 100_000 });
    const sustainFrom = await addNumber(client, sustain.tenantId);
    console.log(`\n2. worker: ${SUSTAIN_RATE} new calls/s for ${SUSTAIN_SECONDS} s, each ringing 1 s and talking 10 s`);
    const load = sampleLoad(database.url, sustain.tenantId);
    const placed = await placeCalls(server.base, sustain.token, sustainFrom, SUSTAIN_RATE, SUSTAIN_SECONDS, TO_TEN_SECONDS);
    const open = await waitForAllFinal(client, sustain.tenantId, 60_000);
    await load.stop();
    const lags = await originateLags(client, sustain.tenantId);
    const steady = load.samples.filter((s) => s.t >= 15 && s.t <= SUSTAIN_SECONDS);
    const peakLive = Math.max(0, ...load.samples.map((s) => s.live));
    const minSteadyLive = steady.length ? Math.min(...steady.map((s) => s.live)) : 0;
    const maxQueued = Math.max(0, ...load.samples.map((s) => s.queued));
    const result = await audit(client, sustain.tenantId);
    console.table([
      {
        placed: placed.accepted,
        "POST failures": placed.failed,
        "POST p99 ms": percentile(placed.latencies, 99),
        "peak live": peakLive,
        "min live (15 s…end)": minSteadyLive,
        "max queued": maxQueued,
        "originate lag p50 ms": percentile(lags, 50),
        "p95 ms": percentile(lags, 95),
        "p99 ms": percentile(lags, 99),
      },
    ]);
    console.table([result]);
    printFailures(placed.failureKinds);
    const sustainOk =
      placed.failed === 0 &&
      result.calls === placed.accepted &&
      result.records === result.calls &&
      result.duplicateRecords === 0 &&
      result.duplicateCompletedEvents === 0 &&
      result.callsWithoutRecord === 0 &&
      result.stuck === 0 &&
      open === 0 &&
      result.completed === result.calls &&
      peakLive >= SUSTAIN_RATE * 10 * 0.9 &&
      // Sustained means kept up: calls start within 2 s of being placed, not after a growing backlog.
      percentile(lags, 95) < 2000;
    console.log(
      `   target: ${SUSTAIN_RATE}/s kept up (originate lag p95 < 2 s) with ~${SUSTAIN_RATE * 10} live, zero lost/duplicated records, zero stuck → ${sustainOk ? "PASS" : "FAIL"}`,
    );
    ok &&= sustainOk;

    // ── 3. Ceiling ──
    if (!args.has("--skip-ceiling")) {
      console.log(`\n3. ceiling: steps of ${CEILING_RATES.join(", ")} calls/s, ${STEP_SECONDS} s each`);
      let ceiling = SUSTAIN_RATE;
      const rows = [];
      for (const rate of CEILING_RATES) {
        const step = await seedBenchTenant(database.url, { callsPerSecond: 10_000, maxConcurrentCalls: 100_000 });
        const stepFrom = await addNumber(client, step.tenantId);
        const stepLoad = sampleLoad(database.url, step.tenantId);
        const stepPlaced = await placeCalls(server.base, step.token, stepFrom, rate, STEP_SECONDS, TO_TEN_SECONDS);
        const backlogAtEnd = stepLoad.samples.at(-1)?.queued ?? 0;
        await waitForAllFinal(client, step.tenantId, 90_000);
        await stepLoad.stop();
        const stepLags = await originateLags(client, step.tenantId);
        const stepAudit = await audit(client, step.tenantId);
        const p95 = percentile(stepLags, 95);
        const held = p95 < 2000 && backlogAtEnd < rate && stepAudit.stuck === 0 && stepAudit.records === stepAudit.calls && stepPlaced.failed === 0;
        rows.push({ "calls/s": rate, placed: stepPlaced.accepted, "POST p99 ms": percentile(stepPlaced.latencies, 99), "peak live": Math.max(0, ...stepLoad.samples.map((s) => s.live)), "queued at end": backlogAtEnd, "originate lag p95 ms": p95, records: stepAudit.records, stuck: stepAudit.stuck, held });
        if (!held) break;
        ceiling = rate;
      }
      console.table(rows);
      console.log(`   ceiling on this machine: ${ceiling} new calls/s (FreeSWITCH's stock sessions-per-second is 30)`);
    }
    console.log(`\nmachine speed at the end: the same loop took ${cpuReferenceMs()} ms`);
    return ok ? 0 : 1;
  } finally {
    await stopChild(worker);
    await stopChild(simulator);
    await server?.stop();
    await client.end();
    await database.stop();
  }
}

runBenchmark(main);
