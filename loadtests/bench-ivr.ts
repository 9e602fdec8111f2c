// `npm run bench:ivr`: call control under load on one machine: the worker (`worker/main.ts`) and the switch simulator
// (real time), each its own process, on their own PostgreSQL, and a local tenant application in this process.
//
// BENCH_IVR_CALLS (500) calls are placed at once, each running a three-step IVR: the application's first document
// (a Gather with a Say), the callee's key (RFC 2833 on the real switch; a DTMF event here, pressed while the prompt
// plays), the Gather's action (a second document: a Say with the key, a pause, then Hangup). So every call makes two document fetches and waits on the switch
// three times. Printed side by side:
//   - the worker's added latency: from a switch event (end of a verb, a key) to the next command it hands over, and
//     from the tenant's answer to the next command (target: p99 under 20 ms);
//   - the tenant application's own response time (measured inside its handler), and the fetch time as the worker saw it.
// Every call must complete, with the action hit once with the key its callee pressed.
// Runs: BENCH_IVR_RUNS (1) repetitions in the same process; the spread is printed.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { freePort } from "../scripts/lib/free-port.ts";
import { startChild, stopChild, waitForAllFinal } from "./lib/voice-stack.ts";
import { cpuReferenceMs, percentile, ROOT, runBenchmark, seedBenchTenant, startBenchDatabase } from "./lib/harness.ts";

const CALLS = Number(process.env.BENCH_IVR_CALLS ?? 500);
const RUNS = Number(process.env.BENCH_IVR_RUNS ?? 1);
const TARGET_P99_MS = 20;

interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}



/**
 * The tenant's application: the menu, and the action that says the key back. Times its own handling. `onMenu` is told
 * when a call asks for the menu: its callee presses its key while the prompt plays.
 */
function startTenantApp(onMenu: (callSid: string) => void) {
  const handlerMs: number[] = [];
  const choices = new Map<string, string>();
  const server = createServer((req, res) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const params = new URLSearchParams(Buffer.concat(chunks).toString());
      let body: string;
      if (req.url === "/ivr") {
        onMenu(params.get("CallSid") ?? "");
        body = '<Response><Gather numDigits="1" timeout="10" action="/choice"><Say voice="alice">Welcome. Press a key.</Say></Gather><Say>No key.</Say></Response>';
      } else {
        choices.set(params.get("CallSid") ?? "", params.get("Digits") ?? "");
        // A pause keeps each call up about ten seconds, so the calls overlap: all of them live at once at the peak.
        body = `<Response><Say voice="alice">You pressed ${params.get("Digits") ?? ""}.</Say><Pause length="6"/><Hangup/></Response>`;
      }
      res.writeHead(200, { "Content-Type": "text/xml" }).end(body);
      handlerMs.push(performance.now() - started);
    });
  });
  return {
    handlerMs,
    choices,
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function sessionsOf(healthPort: number): Promise<{ afterSwitchEventMs: Summary; afterAnswerMs: Summary; fetchMs: Summary; eventLoopDelayMs: Summary; decisions: number }> {
  const health = (await (await fetch(`http://127.0.0.1:${healthPort}/health`)).json()) as { handlers: Record<string, { sessions?: unknown }> };
  return health.handlers["call-events"]!.sessions as never;
}


/** The calls, queued at once: the worker claims and originates them at the switch's pace. */
async function placeCalls(client: pg.Client, tenantId: string, from: string, url: string): Promise<Map<string, string>> {
  const expected = new Map<string, string>();
  const values: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < CALLS; i++) {
    const id = `CA${randomBytes(16).toString("hex")}`;
    const digit = String(1 + (i % 9));
    expected.set(id, digit);
    // The simulator's callee answers and stays until hung up; it presses its key when the menu plays (callee.press).
    params.push(id, tenantId, from, "+15005550100", url);
    const n = params.length;
    values.push(`($${n - 4}, $${n - 3}, 'OUTBOUND_API', 'QUEUED', $${n - 2}, $${n - 1}, $${n}, 'POST', '{}', 30, 'native', now(), now() + interval '10 minutes', 1, now(), now())`);
  }
  await client.query(
    `INSERT INTO "Call" (id, "tenantId", direction, status, "from", "to", url, method, "statusCallbackEvents", "timeoutSeconds", "apiSurface", "queuedAt", "queueExpiresAt", "eventSequence", "createdAt", "updatedAt")
     VALUES ${values.join(", ")}`,
    params,
  );
  return expected;
}

function row(label: string, s: Summary) {
  return { measure: label, samples: s.count, "p50 ms": s.p50, "p95 ms": s.p95, "p99 ms": s.p99, "max ms": s.max };
}

interface Stack {
  databaseUrl: string;
  eslPort: number;
  recordingsDir: string;
  appPort: number;
}

/** A fresh worker per run, so its latency window holds that run's samples only. */
async function startWorker(stack: Stack, healthPort: number): Promise<ChildProcess> {
  const worker = startChild("worker", "worker/main.ts", {
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    DATABASE_URL: stack.databaseUrl,
    FREESWITCH_ESL_HOST: "127.0.0.1",
    FREESWITCH_ESL_PORT: String(stack.eslPort),
    FREESWITCH_RECORDINGS_DIR: stack.recordingsDir,
    SWITCH_ID: "bench-ivr",
    DATABASE_POOL_SIZE: "20",
    WORKER_HEALTH_PORT: String(healthPort),
    // The tenant application listens on loopback, which the SSRF guard refuses unless told.
    WEBHOOK_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${healthPort}/health`)).status < 500) return worker;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("the worker did not come up");
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function runOnce(run: number, client: pg.Client, stack: Stack, tenantApp: ReturnType<typeof startTenantApp>, keys: Map<string, string>) {
  const healthPort = await freePort();
  const worker = await startWorker(stack, healthPort);
  try {
    return await measure(run, client, stack, healthPort, tenantApp, keys);
  } finally {
    await stopChild(worker);
  }
}

async function measure(run: number, client: pg.Client, { databaseUrl, appPort }: Stack, healthPort: number, tenantApp: ReturnType<typeof startTenantApp>, keys: Map<string, string>) {
  const tenant = await seedBenchTenant(databaseUrl, { callsPerSecond: 1000, maxConcurrentCalls: 5000, maxQueueSeconds: 600 });
  const from = `+1500555${String(1000 + run).padStart(4, "0")}`;
  await client.query(`INSERT INTO "PhoneNumber" (id, "tenantId", e164, origin, "voiceEnabled", "updatedAt") VALUES ($1, $2, $3, 'ASSIGNED', true, now())`, [
    `PN${randomBytes(16).toString("hex")}`,
    tenant.tenantId,
    from,
  ]);
  tenantApp.handlerMs.length = 0;
  const started = Date.now();
  const expected = await placeCalls(client, tenant.tenantId, from, `http://127.0.0.1:${appPort}/ivr`);
  for (const [id, digit] of expected) keys.set(id, digit);
  // Peak concurrency, sampled while the calls run.
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    const probe = new pg.Client({ connectionString: databaseUrl });
    await probe.connect();
    while (sampling) {
      const { rows } = await probe.query<{ n: string }>(`SELECT count(*) AS n FROM "Call" WHERE "tenantId" = $1 AND status = 'IN_PROGRESS'`, [tenant.tenantId]);
      peak = Math.max(peak, Number(rows[0]!.n));
      await new Promise((r) => setTimeout(r, 250));
    }
    await probe.end();
  })();
  const open = await waitForAllFinal(client, tenant.tenantId, 120_000, 500);
  sampling = false;
  await sampler;
  const seconds = (Date.now() - started) / 1000;
  const after = await sessionsOf(healthPort);
  const { rows } = await client.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM "Call" WHERE "tenantId" = $1 GROUP BY 1`, [tenant.tenantId]);
  const wrongKey = [...expected].filter(([id, digit]) => tenantApp.choices.get(id) !== digit).length;
  const handler = [...tenantApp.handlerMs].sort((a, b) => a - b);
  const handlerSummary: Summary = { count: handler.length, p50: percentile(handler, 50), p95: percentile(handler, 95), p99: percentile(handler, 99), max: percentile(handler, 100) };
  console.log(`\nrun ${run}: ${CALLS} calls in ${seconds.toFixed(1)} s, peak ${peak} in progress at once; statuses ${rows.map((r) => `${r.status} ${r.n}`).join(", ")}; still open ${open}; action missing or wrong key ${wrongKey}`);
  console.log(`   the worker's decisions: ${after.decisions}`);
  console.table([
    row("worker: switch event → next command", after.afterSwitchEventMs),
    row("worker: tenant's answer → next command", after.afterAnswerMs),
    row("tenant app: its own response time", handlerSummary),
    row("fetch as the worker saw it (network + app)", after.fetchMs),
    row("worker's event-loop delay (timer lateness)", { ...after.eventLoopDelayMs, count: after.eventLoopDelayMs.count }),
  ]);
  const completed = Number(rows.find((r) => r.status === "COMPLETED")?.n ?? 0);
  const ok = completed === CALLS && wrongKey === 0 && after.afterSwitchEventMs.p99 < TARGET_P99_MS && after.afterAnswerMs.p99 < TARGET_P99_MS;
  console.log(`   target: every call completed with its key, worker p99 < ${TARGET_P99_MS} ms → ${ok ? "PASS" : "FAIL"}`);
  return { ok, p99: Math.max(after.afterSwitchEventMs.p99, after.afterAnswerMs.p99) };
}

async function main(): Promise<number> {
  console.log(`machine speed: a fixed loop took ${cpuReferenceMs()} ms (lower is faster; compare runs with it)`);
  const database = await startBenchDatabase(`irisx_bench_ivr_${Date.now()}`);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // The callees: each presses its call's key 0.7 s after its menu was asked for, while the prompt plays.
  const keys = new Map<string, string>();
  let controlUrl = "";
  const press = async (callSid: string) => {
    const digit = keys.get(callSid);
    if (!digit) return;
    const { rows } = await client.query<{ uuid: string | null }>(`SELECT "channelUuid" AS uuid FROM "Call" WHERE id = $1`, [callSid]);
    if (rows[0]?.uuid) await fetch(`${controlUrl}/calls/${rows[0].uuid}/dtmf`, { method: "POST", body: JSON.stringify({ digits: digit }) }).catch(() => undefined);
  };
  const tenantApp = startTenantApp((callSid) => void setTimeout(() => void press(callSid), 700));
  const appPort = await tenantApp.listen();
  let simulator: ChildProcess | undefined;
  const results: { ok: boolean; p99: number }[] = [];
  try {
    const [eslPort, controlPort] = [await freePort(), await freePort()];
    const recordingsDir = path.join(ROOT, ".data", "bench-switch-recordings");
    simulator = startChild("simulator", "freeswitch/simulator/main.ts", { SIM_ESL_PORT: String(eslPort), SIM_CONTROL_PORT: String(controlPort), SIM_RECORDINGS_DIR: recordingsDir, SIM_SESSIONS_PER_SECOND: "1000" });
    controlUrl = `http://127.0.0.1:${controlPort}`;
    const stack: Stack = { databaseUrl: database.url, eslPort, recordingsDir, appPort };
    for (let run = 1; run <= RUNS; run++) results.push(await runOnce(run, client, stack, tenantApp, keys));
    if (RUNS > 1) console.log(`\nworker p99 over ${RUNS} runs: ${results.map((r) => r.p99).join(", ")} ms (min ${Math.min(...results.map((r) => r.p99))}, max ${Math.max(...results.map((r) => r.p99))})`);
  } finally {
    await stopChild(simulator);
    await tenantApp.close();
    await client.end();
    await database.stop();
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

runBenchmark(main);
