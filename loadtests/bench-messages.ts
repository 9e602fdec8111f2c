// `npm run bench:messages`: the messaging path end to end on one machine: `next start` on the production build (its
// embedded job engine runs the message sender), its own PostgreSQL, and a stand-in of Twilio's Messages API
// (src/test/messaging-provider-stand-ins.ts) that checks every request's documented format.
//
//   1. Baseline: GET /api/ping (no auth, constant JSON) at BENCH_MESSAGE_RATE (500) per second, open loop
//      (lib/open-loop.ts), for BENCH_SECONDS (20): what the server and this machine give a request that does nothing.
//   2. API: POST /api/v1/messages at the same rate for the same time, right after. Target: every message accepted
//      (201) with p99 under 50 ms.
//   3. Delivery: the sender drains what was accepted; then every accepted message must have reached the stand-in
//      exactly once (lost = accepted − sent, duplicated = requests the stand-in took beyond one per message), and
//      the accept → handed-to-provider latency is reported beside the API figures.
// BENCH_SENDER=separate (the default) runs the sender as `npm run messages:sender` beside the app (MESSAGE_SENDER=separate),
// as the calls benchmark runs its worker; BENCH_SENDER=embedded runs it in the app's job engine, one event loop with the API;
// BENCH_SENDER=after stops the separate sender while the API is measured and starts it again when acceptance ends: the
// API's figure when the sender's CPU is elsewhere (another machine), delivery then measured from a full queue.
// The sender number is given 100,000 segments/s and the tenant 100,000 messages/s: this measures the system, not
// the carrier pacing (message-throughput.test.ts proves the pacing). Flags: --build (rebuild).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describeSlowSeconds, runOpenLoop, type OpenLoopResult } from "./lib/open-loop.ts";
import { buildOnce, cpuReferenceMs, percentile, runBenchmark, seedBenchTenant, startBenchDatabase, startNextServer } from "./lib/harness.ts";
import { startTwilioMessagingStandIn } from "../src/test/messaging-provider-stand-ins.ts";
import { startChild, stopChild } from "./lib/voice-stack.ts";
import type { ChildProcess } from "node:child_process";

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3851);
const RATE = Number(process.env.BENCH_MESSAGE_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 8);
const TARGET_P99_MS = 50;
const DRAIN_TIMEOUT_MS = 120_000;
const SENDER_MODE = process.env.BENCH_SENDER === "embedded" ? "embedded" : process.env.BENCH_SENDER === "after" ? "after" : "separate";
const SENDER = SENDER_MODE === "embedded" ? "embedded" : "separate";
const CARRIER_SID = `AC${randomBytes(16).toString("hex")}`;
const CARRIER_TOKEN = randomBytes(16).toString("hex");

function failures(r: OpenLoopResult): number {
  return r.errors + Object.values(r.otherStatuses).reduce((a, b) => a + b, 0);
}

function row(name: string, r: OpenLoopResult) {
  return {
    what: name,
    "sent/s": Math.round((r.latencies.length + failures(r)) / r.elapsedSeconds),
    ok: r.latencies.length,
    failed: failures(r),
    "p50 ms": percentile(r.latencies, 50),
    "p99 ms": percentile(r.latencies, 99),
    "max ms": Math.round(r.latencies.at(-1) ?? 0),
    "generator lag p99 ms": Math.round(r.sendLagP99),
  };
}

async function main(): Promise<number> {
  buildOnce();
  const database = await startBenchDatabase(`irisx_bench_messages_${Date.now()}`);
  const carrier = await startTwilioMessagingStandIn({ accountSid: CARRIER_SID, authToken: CARRIER_TOKEN });
  let server: Awaited<ReturnType<typeof startNextServer>> | undefined;
  let sender: ChildProcess | undefined;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { tenantId, token } = await seedBenchTenant(database.url);
    const from = "+14155550999";
    await client.query(`UPDATE "Tenant" SET "messagesPerSecond" = 100000 WHERE id = $1`, [tenantId]);
    await client.query(
      `INSERT INTO "PhoneNumber" (id, "tenantId", e164, origin, "smsEnabled", "messagingSegmentsPerSecond", "updatedAt") VALUES ($1, $2, $3, 'ASSIGNED', true, 100000, now())`,
      [`PN${randomBytes(16).toString("hex")}`, tenantId, from],
    );
    const providerEnv = { MESSAGING_PROVIDER: "twilio", TWILIO_ACCOUNT_SID: CARRIER_SID, TWILIO_AUTH_TOKEN: CARRIER_TOKEN, TWILIO_API_BASE_URL: carrier.url, MESSAGE_SENDER: SENDER };
    server = await startNextServer({ port: APP_PORT, databaseUrl: database.url, env: providerEnv });
    const base = server.base;
    const startSender = () =>
      startChild("message-sender", "scripts/message-sender.ts", {
        ...providerEnv,
        NODE_ENV: "production",
        DATABASE_URL: database.url,
        APP_URL: base,
        NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
        APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      });
    if (SENDER === "separate") sender = startSender();
    console.log(`sender: ${SENDER_MODE === "embedded" ? "the app's embedded job engine" : SENDER_MODE === "after" ? "its own process, stopped while the API is measured" : "its own process (npm run messages:sender), beside the API"}`);
    const send = {
      url: `${base}/api/v1/messages`,
      method: "POST" as const,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ to: "+14155550123", from, body: "Your IRISX code is 123456" }),
    };
    const ping = { url: `${base}/api/ping`, method: "GET" as const, headers: {} };
    const check = await fetch(send.url, { method: "POST", headers: send.headers, body: send.body });
    if (check.status !== 201) throw new Error(`POST /api/v1/messages answered ${check.status}: ${await check.text()}`);

    console.log(`warming up for ${WARMUP_SECONDS} s (JIT, connection pool, key cache, the sender)…`);
    await runOpenLoop({ request: ping, rate: RATE / 2, seconds: WARMUP_SECONDS / 2, okStatus: 200 });
    for (const fraction of [0.25, 0.5, 0.75, 1]) await runOpenLoop({ request: send, rate: RATE * fraction, seconds: WARMUP_SECONDS / 8, okStatus: 201 });
    await waitForDrain(client, tenantId);
    const before = await counts(client, tenantId);
    const carrierBefore = carrier.messages.length;

    const cpuMs = cpuReferenceMs();
    console.log(`measuring: ${RATE}/s for ${SECONDS} s each, open loop (cpu reference ${cpuMs} ms)`);
    const baseline = await runOpenLoop({ request: ping, rate: RATE, seconds: SECONDS, okStatus: 200 });
    if (SENDER_MODE === "after") {
      await stopChild(sender);
      sender = undefined;
    }
    const acceptStarted = new Date();
    const api = await runOpenLoop({ request: send, rate: RATE, seconds: SECONDS, okStatus: 201 });
    if (SENDER_MODE === "after") sender = startSender();
    const drainMs = await waitForDrain(client, tenantId);
    const after = await counts(client, tenantId);

    const accepted = api.latencies.length;
    const stored = after.total - before.total;
    const sent = after.sent - before.sent;
    const carried = carrier.messages.length - carrierBefore;
    // Every message is sent at most once by construction; the stand-in's count against the accepted ones says whether
    // one was lost (fewer) or sent twice (more). Messages the stand-in took whose status is not `sent` were carried but
    // their outcome was not recorded (failed 30008 when their lease lapsed): counted apart.
    const lost = Math.max(0, accepted - carried);
    const duplicated = Math.max(0, carried - accepted);
    const { rows: unrecorded } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "Message" WHERE "tenantId" = $1 AND "createdAt" >= $2 AND status <> 'SENT'`,
      [tenantId, acceptStarted],
    );
    const notRecorded = Number(unrecorded[0]!.n);
    const { rows: lag } = await client.query<{ ms: number }>(
      `SELECT EXTRACT(EPOCH FROM ("sentAt" - "createdAt")) * 1000 AS ms FROM "Message" WHERE "tenantId" = $1 AND "createdAt" >= $2 AND status = 'SENT' ORDER BY 1`,
      [tenantId, acceptStarted],
    );
    const delivery = lag.map((r) => Number(r.ms));

    console.table([row("GET /api/ping (baseline)", baseline), row("POST /api/v1/messages", api)]);
    console.table([
      {
        accepted,
        stored,
        "sent (status sent)": sent,
        "reached the stand-in": carried,
        lost,
        duplicated,
        "status not sent": notRecorded,
        "malformed requests": carrier.malformed.length,
        "accept→provider p50 ms": percentile(delivery, 50),
        "accept→provider p99 ms": percentile(delivery, 99),
        "drained after ms": drainMs,
        "delivered/s": Math.round(carried / ((api.elapsedSeconds * 1000 + drainMs) / 1000)),
      },
    ]);
    const p99 = percentile(api.latencies, 99);
    const allAccepted = failures(api) === 0 && accepted === Math.round(RATE * SECONDS);
    const exact = lost === 0 && duplicated === 0 && notRecorded === 0 && carrier.malformed.length === 0 && stored === accepted && sent === accepted;
    console.log(`API: ${describeSlowSeconds(api, SECONDS)}`);
    console.log(`acceptance p99 ${p99} ms (target < ${TARGET_P99_MS} ms) ${p99 < TARGET_P99_MS ? "PASS" : "FAIL"}; baseline p99 ${percentile(baseline.latencies, 99)} ms`);
    console.log(`every message accepted at ${RATE}/s: ${allAccepted ? "PASS" : "FAIL"}`);
    console.log(`delivered exactly once and recorded sent (lost ${lost}, duplicated ${duplicated}, not recorded ${notRecorded}, malformed ${carrier.malformed.length}): ${exact ? "PASS" : "FAIL"}`);
    return p99 < TARGET_P99_MS && allAccepted && exact ? 0 : 1;
  } finally {
    await client.end();
    await stopChild(sender);
    await server?.stop();
    await carrier.close();
    await database.stop();
  }
}

async function counts(client: pg.Client, tenantId: string) {
  const { rows } = await client.query<{ total: string; sent: string }>(`SELECT count(*) AS total, count(*) FILTER (WHERE status = 'SENT') AS sent FROM "Message" WHERE "tenantId" = $1`, [tenantId]);
  return { total: Number(rows[0]!.total), sent: Number(rows[0]!.sent) };
}

/** Until no message of the tenant is queued or sending; returns how long that took. */
async function waitForDrain(client: pg.Client, tenantId: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < DRAIN_TIMEOUT_MS) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Message" WHERE "tenantId" = $1 AND status IN ('QUEUED', 'SENDING')`, [tenantId]);
    if (Number(rows[0]!.n) === 0) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`messages still queued or sending after ${DRAIN_TIMEOUT_MS} ms`);
}

runBenchmark(main);
