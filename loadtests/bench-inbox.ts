// `npm run bench:inbox`: how soon an inbound message shows in an open inbox. `next start` on the production build, its
// own PostgreSQL, one member's inbox.onChange subscription open over server-sent events (as the browser opens it,
// with a session cookie), and inbound SMS posted to the app's Twilio webhook (signed as Twilio signs them) at a
// steady BENCH_INBOX_RATE (20) per second for BENCH_SECONDS (20), each from a new sender (a new contact and
// conversation: the longest path, contact + conversation + round-robin).
//
//   baseline  the webhook's own round trip (POST → 200): what the request costs before anyone is told
//   visible   POST sent → the SSE event for that message's conversation read by the subscriber
// Target: visible p99 under 200 ms. Events are matched to messages after the run (conversation → sender).
// Ports: BENCH_APP_PORT (3852), BENCH_PG_PORT (25441). Flags: --build (rebuild).
import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { buildOnce, percentile, runBenchmark, seedBenchTenant, startBenchDatabase, startNextServer } from "./lib/harness.ts";
import { readSse } from "./lib/sse.ts";
import { twilioInboundMessage } from "../src/test/messaging-provider-stand-ins.ts";

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3852);
const RATE = Number(process.env.BENCH_INBOX_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP_MESSAGES ?? 20);
const TARGET_P99_MS = 200;
const ACCOUNT_SID = `AC${randomBytes(16).toString("hex")}`;
const AUTH_TOKEN = randomBytes(16).toString("hex");
const SECRET = randomBytes(32).toString("hex");

const stats = (name: string, values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { what: name, n: sorted.length, "p50 ms": percentile(sorted, 50), "p95 ms": percentile(sorted, 95), "p99 ms": percentile(sorted, 99), "max ms": Math.round(sorted.at(-1) ?? 0) };
};

/** Reads the SSE stream, calling `onEvent` with each event's conversation id and the time it was read. */
async function subscribe(url: string, cookie: string, onEvent: (conversationId: string, at: number) => void, signal: AbortSignal): Promise<void> {
  const opened = await readSse(url, cookie, signal, (block, at) => {
    const match = /"conversationId":"(cv_[0-9a-z]{26})"/.exec(block);
    if (match) onEvent(match[1]!, at);
  });
  if (!opened) throw new Error("the inbox subscription was refused");
}

async function main(): Promise<number> {
  buildOnce();
  const database = await startBenchDatabase(`irisx_bench_inbox_${Date.now()}`);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let server: Awaited<ReturnType<typeof startNextServer>> | undefined;
  const abort = new AbortController();
  try {
    const { tenantId } = await seedBenchTenant(database.url);
    const ours = "+14155550888";
    await client.query(`INSERT INTO "PhoneNumber" (id, "tenantId", e164, origin, "smsEnabled", "updatedAt") VALUES ($1, $2, $3, 'ASSIGNED', true, now())`, [
      `PN${randomBytes(16).toString("hex")}`,
      tenantId,
      ours,
    ]);
    const userId = `usr_bench_${randomBytes(6).toString("hex")}`;
    await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", "emailVerifiedAt", "updatedAt") VALUES ($1, $2, 'Bench Agent', 'x', now(), now())`, [userId, `${userId}@bench.test`]);
    await client.query(`INSERT INTO "Membership" (id, "tenantId", "userId", role) VALUES ($1, $2, $3, 'AGENT')`, [`mem_${userId}`, tenantId, userId]);
    server = await startNextServer({ port: APP_PORT, databaseUrl: database.url, env: { NEXTAUTH_SECRET: SECRET, MESSAGING_PROVIDER: "twilio", TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN } });
    const base = server.base;
    // The session a browser holds after signing in (next-auth's JWT cookie), minted with the server's secret.
    const jwt = await encode({ secret: SECRET, token: { id: userId, email: `${userId}@bench.test`, name: "Bench Agent", isPlatformStaff: false, sessionVersion: 0, mfa: false, sid: randomUUID() } });
    const cookie = `next-auth.session-token=${jwt}`;

    const seen = new Map<string, number>();
    const input = encodeURIComponent(JSON.stringify({ json: {} }));
    await subscribe(`${base}/api/trpc/inbox.onChange?input=${input}`, cookie, (id, at) => void (seen.has(id) || seen.set(id, at)), abort.signal);
    await new Promise((r) => setTimeout(r, 500));

    const refused: Record<string, number> = {};
    const post = async (sender: string) => {
      const started = performance.now();
      const res = await fetch(twilioInboundMessage({ url: `${base}/api/webhooks/twilio/messages`, authToken: AUTH_TOKEN, accountSid: ACCOUNT_SID, from: sender, to: ours, body: `Hello from ${sender}` }));
      await res.arrayBuffer();
      if (res.status !== 200) refused[res.status] = (refused[res.status] ?? 0) + 1;
      return { started, roundTrip: performance.now() - started, ok: res.status === 200 };
    };

    console.log(`warm-up: ${WARMUP} messages`);
    for (let i = 0; i < WARMUP; i++) await post(`+1500555${String(9000 + i).padStart(4, "0")}`);
    const total = RATE * SECONDS;
    console.log(`run: ${total} inbound SMS at ${RATE}/s, each from a new sender, one SSE subscriber`);
    const posted = new Map<string, { started: number; roundTrip: number; ok: boolean }>();
    const pending: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const sender = `+1628${String(1_000_000 + i).padStart(7, "0")}`;
      pending.push(post(sender).then((p) => void (p.ok && posted.set(sender, p))));
    }
    await Promise.all(pending);
    await new Promise((r) => setTimeout(r, 2000));
    abort.abort();

    const { rows } = await client.query<{ id: string; contactAddress: string }>(`SELECT id, "contactAddress" FROM "Conversation" WHERE "tenantId" = $1`, [tenantId]);
    const visible: number[] = [];
    let missing = 0;
    for (const row of rows) {
      const p = posted.get(row.contactAddress);
      if (!p) continue;
      const at = seen.get(row.id);
      if (at === undefined) missing++;
      else visible.push(at - p.started);
    }
    const table = [stats("baseline: webhook round trip", [...posted.values()].map((p) => p.roundTrip)), stats("webhook posted → visible in the SSE subscription", visible)];
    console.table(table);
    const p99 = table[1]!["p99 ms"];
    const failed = Object.values(refused).reduce((a, b) => a + b, 0);
    console.log(`conversations: ${rows.length - WARMUP} of ${total} posted; webhooks refused: ${failed} ${JSON.stringify(refused)}; events missing: ${missing}`);
    const met = p99 < TARGET_P99_MS && missing === 0 && failed === 0;
    console.log(`target: visible p99 < ${TARGET_P99_MS} ms, nothing refused or missing → ${met ? "MET" : "NOT MET"} (p99 ${p99} ms)`);
    return met ? 0 : 1;
  } finally {
    abort.abort();
    await server?.stop();
    await client.end();
    await database.stop();
  }
}

runBenchmark(main);
