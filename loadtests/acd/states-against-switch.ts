// bench:acd's switch phase: real calls through the switch simulator and a worker process with its ACD, then every
// agent's state checked against the simulator's live channels. AGENTS agents serve one queue (wrap-up 0: straight
// back to available); their phones answer and hang up five simulated seconds later, and ten of them never answer (the
// router skips them, and sets them away after the queue's misses, as mod_callcenter's max-no-answer does). CALLERS
// callers call the number at once; every fourth gives up after a few seconds of waiting. The simulator runs at
// SIM_TIME_SCALE (0.25: four simulated seconds a second).
// After every call ended and the ACD had a few seconds to settle:
//   wrong: an agent RINGING or ON_CALL without a live channel of their call, an agent AVAILABLE or AWAY while a
//   channel of their line is still up, a wrap-up past its end. Printed with the routing decisions of the phase.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../scripts/lib/free-port.ts";
import { percentile, ROOT } from "../lib/harness.ts";
import { startChild, stopChild, waitForAllFinal } from "../lib/voice-stack.ts";

export interface SwitchPhaseResult {
  calls: number;
  completed: number;
  /** The callers' calls by final status (a call whose channel the switch lost is failed by the worker's reconcile). */
  statuses: Record<string, number>;
  stillOpen: number;
  wrong: { agentId: string; state: string; why: string }[];
  /** Wrong 3 s after the last call ended, before the ACD's grace for calls whose end no session reported. */
  wrongAtOnce: { agentId: string; state: string; why: string }[];
  decisions: Record<string, number>;
  answerWaitP50: number;
  answerWaitP99: number;
}

interface SimChannel {
  uuid: string;
  destination?: string;
  variables?: Record<string, string>;
  [key: string]: unknown;
}

/** The tenant's application: every call waits in the queue. */
function startEnqueueApp() {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/xml" });
      res.end("<Response><Enqueue>bench-acd</Enqueue></Response>");
    });
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function statesAgainstSwitch(opts: { databaseUrl: string; agents: number; callers: number; timeScale: number }): Promise<SwitchPhaseResult> {
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const app = startEnqueueApp();
  const appPort = await app.listen();
  let simulator: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  try {
    const { db } = await import("../../src/server/db.ts");
    const { newId, newSid } = await import("../../src/server/shared/ids.ts");
    const tenantId = newId("tn");
    const slug = `bench-acd-${randomBytes(4).toString("hex")}`;
    await db.tenant.create({ data: { id: tenantId, name: "ACD switch bench", slug, creditMicros: 1_000_000_000_000n, callsPerSecond: 1000, maxConcurrentCalls: 10_000, maxQueueSeconds: 3600 } });
    const did = "+14155550900";
    await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId, e164: did, origin: "ASSIGNED", voiceEnabled: true, voiceUrl: `http://127.0.0.1:${appPort}/voice`, voiceMethod: "POST" } });
    const queueId = newSid("QU");
    await db.callQueue.create({ data: { id: queueId, tenantId, friendlyName: "bench-acd", strategy: "longest-idle", wrapUpSeconds: 0, ringTimeoutSeconds: 8, maxNoAnswer: 2, maxSize: 10_000 } });
    const domain = `${slug}.bench`;
    // Phones by user name (freeswitch/simulator/magic-numbers.ts): 1500555030N never answers; any other answers after
    // a second and hangs up five simulated seconds later.
    const usernames = Array.from({ length: opts.agents }, (_, i) => (i < 10 ? `1500555030${i}` : `bench-agent-${i}`));
    const userIds = usernames.map(() => newId("usr"));
    await db.user.createMany({ data: userIds.map((id) => ({ id, email: `${id}@bench.test`, name: id, passwordHash: "x" })) });
    await db.membership.createMany({ data: userIds.map((userId) => ({ id: newId("mem"), tenantId, userId, role: "AGENT" as const })) });
    const agentIds = userIds.map(() => newId("ag"));
    await db.agent.createMany({ data: agentIds.map((id, i) => ({ id, tenantId, userId: userIds[i]!, state: "AVAILABLE" as const, registered: true, idleSince: new Date(Date.now() - i * 1000) })) });
    await db.sipUser.createMany({ data: userIds.map((userId, i) => ({ id: newId("sip"), tenantId, userId, domain, username: usernames[i]!, passwordCipher: "x" })) });
    await db.queueAgent.createMany({ data: agentIds.map((agentId) => ({ tenantId, queueId, agentId })) });

    const [eslPort, controlPort, healthPort] = [await freePort(), await freePort(), await freePort()];
    const recordingsDir = path.join(ROOT, ".data", "bench-acd-switch-recordings");
    simulator = startChild("simulator", "freeswitch/simulator/main.ts", { SIM_ESL_PORT: String(eslPort), SIM_CONTROL_PORT: String(controlPort), SIM_RECORDINGS_DIR: recordingsDir, SIM_SESSIONS_PER_SECOND: "1000", SIM_TIME_SCALE: String(opts.timeScale) });
    const control = `http://127.0.0.1:${controlPort}`;
    await waitUntil(async () => (await fetch(`${control}/health`).catch(() => null))?.ok ?? false, 30_000, "the simulator");
    worker = startChild("worker", "worker/main.ts", {
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      DATABASE_URL: opts.databaseUrl,
      FREESWITCH_ESL_HOST: "127.0.0.1",
      FREESWITCH_ESL_PORT: String(eslPort),
      FREESWITCH_RECORDINGS_DIR: recordingsDir,
      SWITCH_ID: "bench-acd",
      DATABASE_POOL_SIZE: "20",
      WORKER_HEALTH_PORT: String(healthPort),
      WORKER_REGISTRATION_RECONCILE_SECONDS: "36000",
      WEBHOOK_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
      // Slow ACD passes and reconciled calls are expected under this load; errors still print.
      LOG_LEVEL: "error",
    });
    await waitUntil(async () => ((await fetch(`http://127.0.0.1:${healthPort}/health`).catch(() => null))?.status ?? 500) < 500, 60_000, "the worker");

    const started = Date.now();
    const placed: Promise<unknown>[] = [];
    for (let i = 0; i < opts.callers; i++) {
      const body = { from: `+1628${String(1_000_000 + i).padStart(7, "0")}`, to: did, ...(i % 4 === 3 ? { hangupAfterSeconds: 6 + (i % 7) } : {}) };
      placed.push(fetch(`${control}/calls`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.arrayBuffer()));
    }
    await Promise.all(placed);
    const stillOpen = await waitForAllFinal(client, tenantId, 600_000, 500);
    console.log(`  ${opts.callers} callers handled in ${Math.round((Date.now() - started) / 1000)} s`);
    const lineOf = new Map(userIds.map((u, i) => [u, usernames[i]!]));
    const check = async () => {
      const { channels } = (await (await fetch(`${control}/channels`)).json()) as { channels: SimChannel[] };
      const liveCallIds = new Set(channels.map((c) => c.variables?.irisx_call_id).filter((v): v is string => !!v));
      const liveDestinations = new Set(channels.map((c) => c.destination ?? "").filter(Boolean));
      const agents = await db.agent.findMany({ where: { tenantId }, select: { id: true, state: true, currentCallId: true, wrapUpUntil: true, userId: true } });
      const wrong: SwitchPhaseResult["wrong"] = [];
      for (const a of agents) {
        const line = lineOf.get(a.userId) ?? "";
        if ((a.state === "RINGING" || a.state === "ON_CALL") && !(a.currentCallId && liveCallIds.has(a.currentCallId))) wrong.push({ agentId: a.id, state: a.state, why: `no live channel of their call ${a.currentCallId}` });
        if ((a.state === "AVAILABLE" || a.state === "AWAY") && [...liveDestinations].some((d) => d.includes(line))) wrong.push({ agentId: a.id, state: a.state, why: "a channel of their line is still up" });
        if (a.state === "WRAP_UP" && a.wrapUpUntil && a.wrapUpUntil.getTime() < Date.now() - 10_000) wrong.push({ agentId: a.id, state: a.state, why: "wrap-up past its end" });
      }
      return wrong;
    };
    // At once (the ACD's settling loop runs every few seconds), then after its grace for calls whose end no session
    // reported (settle-agents.ts: 15 s): the figure that counts is the second.
    await new Promise((r) => setTimeout(r, 3_000));
    const atOnce = await check();
    await new Promise((r) => setTimeout(r, 22_000));
    const wrong = await check();
    const decisions = await db.routingDecision.groupBy({ by: ["outcome"], where: { tenantId }, _count: true });
    const answered = await db.queueOutcome.findMany({ where: { tenantId, result: "answered" }, select: { waitSeconds: true } });
    const waits = answered.map((o) => o.waitSeconds).sort((a, b) => a - b);
    const completed = await db.call.count({ where: { tenantId, parentCallId: null, status: "COMPLETED" } });
    const statuses = await db.call.groupBy({ by: ["status"], where: { tenantId, parentCallId: null }, _count: true });
    return {
      calls: opts.callers,
      completed,
      statuses: Object.fromEntries(statuses.map((x) => [x.status, x._count])),
      stillOpen,
      wrong,
      wrongAtOnce: atOnce,
      decisions: Object.fromEntries(decisions.map((d) => [d.outcome, d._count])),
      answerWaitP50: percentile(waits, 50),
      answerWaitP99: percentile(waits, 99),
    };
  } finally {
    await stopChild(worker);
    await stopChild(simulator);
    await app.close();
    await client.end();
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
