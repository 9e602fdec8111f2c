// `npm run bench:acd`: the ACD under a contact centre's load, its own PostgreSQL.
//   router     routeWork, pure: 2,000 waiting items (calls and conversations, 20 queues, 10 skills) against 50, 100,
//              200 and 500 agents; one pass's time and its cost per decision, beside a naive reference router (each
//              item scans and sorts every agent) measured in the same run: how the cost grows with the agents
//   decisions  with the database: 500 registered agents and 2,000 waiting callers in rows; the worker's pass
//              (load-routing-snapshot.ts, route-work.ts, then claim-call-offer.ts per assignment: caller offered, agent
//              ringing, decision logged) until every agent rings; per decision = its share of the pass (snapshot
//              read and routing) + its claim.
//              Target p99 under 20 ms. Then a consistency check: every ringing agent has exactly one caller offered
//              to them and every offered caller one ringing agent
//   presence   500 subscribers on the agents' change feed (one LISTEN per process, fanned out in-process, as each
//              app instance serves its SSE subscriptions), BENCH_ACD_CHANGES (200) state changes: commit → every
//              subscriber has it. Baseline: NOTIFY → a bare LISTEN client, same run
//   presence over HTTP (the target figure) the same changes to 500 supervisor dashboards, each holding the
//              agents.onChange server-sent-events stream of `next start` on the production build with a session
//              cookie (acd/presence-over-sse.ts): commit → each stream has it, on one app instance and on two (the
//              dashboards spread over them). Target p99 under 250 ms
//   on the switch  (acd/states-against-switch.ts) BENCH_ACD_SWITCH_CALLERS (300) callers through the switch simulator
//              and a worker process to BENCH_ACD_SWITCH_AGENTS (100) agents; after the run no agent may be in a wrong
//              state against the simulator's live channels (ringing or on a call without one, free with one up)
// Ports: BENCH_PG_PORT (25441), BENCH_APP_PORT (3853).
import { setMaxListeners } from "node:events";
import pg from "pg";
import { cpuReferenceMs, percentile, runBenchmark, startBenchDatabase } from "./lib/harness.ts";
import { presenceOverSse } from "./acd/presence-over-sse.ts";
import { statesAgainstSwitch } from "./acd/states-against-switch.ts";
import type { Assignment, RouteWorkInput, RouterAgent, RouterQueue, WaitingItem } from "../src/server/acd/route-work.ts";

const AGENTS = Number(process.env.BENCH_ACD_AGENTS ?? 500);
const ITEMS = Number(process.env.BENCH_ACD_ITEMS ?? 2_000);
const SUBSCRIBERS = Number(process.env.BENCH_ACD_SUBSCRIBERS ?? 500);
const CHANGES = Number(process.env.BENCH_ACD_CHANGES ?? 200);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3853);
const SWITCH_AGENTS = Number(process.env.BENCH_ACD_SWITCH_AGENTS ?? 100);
const SWITCH_CALLERS = Number(process.env.BENCH_ACD_SWITCH_CALLERS ?? 300);
const QUEUES = 20;
const SKILLS = 10;

const stats = (what: string, values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { what, n: sorted.length, "p50 ms": percentile(sorted, 50), "p99 ms": percentile(sorted, 99), "max ms": Math.round((sorted.at(-1) ?? 0) * 10) / 10 };
};

/** A deterministic pseudo-random sequence (the same load each run). */
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function syntheticLoad(agentCount: number, itemCount: number, now: number) {
  const r = rng(agentCount);
  const queues: RouterQueue[] = Array.from({ length: QUEUES }, (_, i) => ({
    id: `q${i}`,
    strategy: (["longest-idle", "round-robin", "skills-weighted", "longest-idle"] as const)[i % 4]!,
    priority: i % 3,
    requiredSkills: i % 2 === 0 ? [{ skillId: `s${i % SKILLS}`, minLevel: 1 + (i % 5) }] : [],
    agingSeconds: 60,
  }));
  const agents: RouterAgent[] = Array.from({ length: agentCount }, (_, i) => ({
    id: `a${String(i).padStart(4, "0")}`,
    queueIds: queues.filter(() => r() < 0.3).map((q) => q.id),
    skills: Object.fromEntries(Array.from({ length: SKILLS }, (_, s) => [`s${s}`, 1 + Math.floor(r() * 10)])),
    capacity: { call: 1, conversation: 3 },
    load: { call: 0, conversation: Math.floor(r() * 2) },
    idleSinceMs: now - Math.floor(r() * 600_000),
    lastOfferedMs: now - Math.floor(r() * 600_000),
  }));
  const items: WaitingItem[] = Array.from({ length: itemCount }, (_, i) => ({
    id: `i${i}`,
    kind: i % 2 === 0 ? "call" : "conversation",
    queueId: `q${Math.floor(r() * QUEUES)}`,
    priority: 0,
    enqueuedAtMs: now - Math.floor(r() * 300_000),
    excludedAgentIds: r() < 0.05 ? [`a${String(Math.floor(r() * agentCount)).padStart(4, "0")}`] : [],
  }));
  return { queues, agents, items };
}

/** The reference: per item, every agent is checked and the eligible ones sorted (no grouping, no early stop). */
function naiveRoute(input: { queues: RouterQueue[]; items: WaitingItem[]; agents: RouterAgent[]; nowMs: number }): number {
  const queues = new Map(input.queues.map((q) => [q.id, q]));
  const room = new Map(input.agents.map((a) => [a.id, { call: a.capacity.call - a.load.call, conversation: a.capacity.conversation - a.load.conversation }]));
  const items = [...input.items].sort((a, b) => a.enqueuedAtMs - b.enqueuedAtMs);
  let assigned = 0;
  for (const item of items) {
    const queue = queues.get(item.queueId)!;
    const eligible = input.agents.filter((a) => a.queueIds.includes(item.queueId) && room.get(a.id)![item.kind] > 0 && !item.excludedAgentIds.includes(a.id) && queue.requiredSkills.every((s) => (a.skills[s.skillId] ?? 0) >= s.minLevel));
    eligible.sort((a, b) => a.idleSinceMs - b.idleSinceMs);
    const chosen = eligible[0];
    if (chosen) {
      room.get(chosen.id)![item.kind]--;
      assigned++;
    }
  }
  return assigned;
}

async function benchRouter(routeWork: (input: RouteWorkInput) => Assignment[]) {
  const rows: Record<string, unknown>[] = [];
  const now = Date.now();
  let previous: number | null = null;
  for (const agentCount of [50, 100, 200, 500]) {
    const load = syntheticLoad(agentCount, ITEMS, now);
    const passes: number[] = [];
    const naive: number[] = [];
    let assigned = 0;
    for (let i = 0; i < 30; i++) {
      let t = performance.now();
      assigned = routeWork({ ...load, nowMs: now }).length;
      passes.push(performance.now() - t);
      t = performance.now();
      naiveRoute({ ...load, nowMs: now });
      naive.push(performance.now() - t);
    }
    const sorted = [...passes].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    rows.push({
      agents: agentCount,
      items: ITEMS,
      assigned,
      "pass p50 ms": p50,
      "pass p99 ms": percentile(sorted, 99),
      "per decision µs": Math.round((p50 * 1000) / Math.max(1, assigned)),
      "naive pass p50 ms": percentile([...naive].sort((a, b) => a - b), 50),
      "× previous size": previous ? Math.round((p50 / previous) * 100) / 100 : "-",
    });
    previous = p50;
  }
  console.table(rows);
}

async function main(): Promise<number> {
  console.log(`cpu reference: ${cpuReferenceMs()} ms`);
  const database = await startBenchDatabase(`irisx_bench_acd_${Date.now()}`);
  process.env.DATABASE_URL = database.url;
  try {
    const { routeWork } = await import("../src/server/acd/route-work.ts");
    console.log(`\n== router: routeWork, ${ITEMS} items, ${QUEUES} queues`);
    await benchRouter(routeWork);

    const { db } = await import("../src/server/db.ts");
    const { newId, newSid } = await import("../src/server/shared/ids.ts");
    const { loadRoutingSnapshot } = await import("../src/server/acd/load-routing-snapshot.ts");
    const { claimCallOffer } = await import("../src/server/acd/claim-call-offer.ts");
    const { setAgentState } = await import("../src/server/agents/set-agent-state.ts");
    const { agentChangeFeed } = await import("../src/server/agents/agent-change-feed.ts");

    // One tenant with AGENTS registered agents (each with a line), QUEUES queues, ITEMS live callers waiting.
    const tenantId = newId("tn");
    await db.tenant.create({ data: { id: tenantId, name: "Bench centre", slug: tenantId, creditMicros: 1_000_000_000n } });
    const queueIds = Array.from({ length: QUEUES }, () => newSid("QU"));
    await db.callQueue.createMany({ data: queueIds.map((id, i) => ({ id, tenantId, friendlyName: `queue-${i}`, strategy: i % 2 ? "round-robin" : "longest-idle" })) });
    const userIds = Array.from({ length: AGENTS }, () => newId("usr"));
    await db.user.createMany({ data: userIds.map((id) => ({ id, email: `${id}@bench.test`, name: id, passwordHash: "x" })) });
    await db.membership.createMany({ data: userIds.map((userId) => ({ id: newId("mem"), tenantId, userId, role: "AGENT" as const })) });
    const agentIds = userIds.map(() => newId("ag"));
    await db.agent.createMany({ data: agentIds.map((id, i) => ({ id, tenantId, userId: userIds[i]!, state: "AVAILABLE" as const, registered: true, idleSince: new Date(Date.now() - i * 1000) })) });
    await db.sipUser.createMany({ data: userIds.map((userId, i) => ({ id: newId("sip"), tenantId, userId, domain: `${tenantId}.bench`, username: `agent-${i}`, passwordCipher: "x" })) });
    await db.queueAgent.createMany({ data: agentIds.flatMap((agentId, i) => [queueIds[i % QUEUES]!, queueIds[(i + 7) % QUEUES]!].map((queueId) => ({ tenantId, queueId, agentId }))) });
    const callIds = Array.from({ length: ITEMS }, () => newSid("CA"));
    for (let i = 0; i < callIds.length; i += 500) {
      const chunk = callIds.slice(i, i + 500);
      await db.call.createMany({ data: chunk.map((id) => ({ id, tenantId, direction: "INBOUND" as const, status: "IN_PROGRESS" as const, from: "+14155550100", to: "+14155550199", currency: "USD" })) });
      await db.queueMember.createMany({ data: chunk.map((callId, j) => ({ id: newId("qm"), tenantId, queueId: queueIds[(i + j) % QUEUES]!, callId, position: i + j + 1, enqueuedAt: new Date(Date.now() - (ITEMS - i - j) * 100) })) });
    }

    console.log(`\n== decisions with the database: ${AGENTS} agents, ${ITEMS} waiting callers`);
    const decisions: number[] = [];
    const snapshots: number[] = [];
    let lost = 0;
    for (let pass = 0; pass < 10; pass++) {
      const t0 = performance.now();
      const [snapshot] = await loadRoutingSnapshot({ callIds });
      snapshots.push(performance.now() - t0);
      if (!snapshot || snapshot.agents.length === 0) break;
      const t1 = performance.now();
      const assignments = (await import("../src/server/acd/route-work.ts")).routeWork({ ...snapshot, nowMs: Date.now() });
      // Each decision carries its share of the pass: the snapshot read and the router's run.
      const share = (snapshots.at(-1)! + performance.now() - t1) / Math.max(1, assignments.length);
      if (assignments.length === 0) break;
      for (const a of assignments) {
        const t = performance.now();
        const claim = await claimCallOffer({ tenantId, callId: a.itemId, agentIds: a.agentIds, reason: a.reason });
        decisions.push(share + performance.now() - t);
        if (!claim.ok) lost++;
      }
    }
    console.table([stats("snapshot read (per pass)", snapshots), stats("decision (share of snapshot and route + claim)", decisions)]);
    const ringing = await db.agent.count({ where: { tenantId, state: "RINGING" } });
    const offered = await db.queueMember.count({ where: { tenantId, offeredAgentId: { not: null } } });
    const [mismatch] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Agent" a
      WHERE a."tenantId" = ${tenantId} AND a.state = 'RINGING'
        AND (SELECT count(*) FROM "QueueMember" m WHERE m."offeredAgentId" = a.id) <> 1`;
    console.log(`ringing agents ${ringing}, offered callers ${offered}, claims lost ${lost}, agents whose ringing does not match exactly one offered caller: ${mismatch?.n ?? "?"}`);
    const decisionP99 = percentile([...decisions].sort((a, b) => a - b), 99);

    console.log(`\n== presence: ${SUBSCRIBERS} subscribers, ${CHANGES} changes`);
    // Baseline: NOTIFY → one bare LISTEN client.
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    await listener.query("LISTEN bench_baseline");
    const sender = new pg.Client({ connectionString: database.url });
    await sender.connect();
    const baseline: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const got = new Promise<void>((resolve) => listener.once("notification", () => resolve()));
      const t = performance.now();
      await sender.query("SELECT pg_notify('bench_baseline', $1)", [String(i)]);
      await got;
      baseline.push(performance.now() - t);
    }
    await listener.end();
    await sender.end();

    const feed = agentChangeFeed();
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    const mover = agentIds[0]!;
    // Change k starts at started[k]; each subscriber counts the mover's changes it has seen, so its k-th is change k.
    const started: number[] = [];
    const arrived: number[] = [];
    const deliveries: number[] = [];
    let waiter: (() => void) | null = null;
    const subscribers = Array.from({ length: SUBSCRIBERS }, async () => {
      let seenChanges = 0;
      for await (const event of feed.subscribe(tenantId, controller.signal)) {
        if (event.kind !== "changed" || event.change.agentId !== mover) continue;
        const k = seenChanges++;
        const at = started[k];
        if (at === undefined) continue;
        deliveries.push(performance.now() - at);
        arrived[k] = (arrived[k] ?? 0) + 1;
        if (arrived[k] === SUBSCRIBERS) waiter?.();
      }
    });
    // The feed's LISTEN connection comes up with the first subscriber; the warm-up change is not measured.
    await new Promise((r) => setTimeout(r, 1_000));
    for (let i = 0; i < CHANGES; i++) {
      const to = i % 2 === 0 ? ("AWAY" as const) : ("AVAILABLE" as const);
      const all = new Promise<void>((r) => (waiter = r));
      started[i] = performance.now();
      const moved = await db.$transaction((tx) => setAgentState(tx, { tenantId, agentId: mover, to, cause: "supervisor" }));
      if (!moved.changed) throw new Error(`the state change did not happen: ${moved.why}`);
      await Promise.race([all, new Promise((r) => setTimeout(r, 5_000))]);
    }
    controller.abort();
    await Promise.allSettled(subscribers);
    console.table([stats("baseline: NOTIFY → one LISTEN client", baseline), stats(`commit → each of ${SUBSCRIBERS} subscribers`, deliveries)]);
    const presenceP99 = percentile([...deliveries].sort((a, b) => a - b), 99);
    const expected = CHANGES * SUBSCRIBERS;
    console.log(`deliveries ${deliveries.length} of ${expected}`);
    // The feed's LISTEN connection goes before the bench's database does (else it reconnects to a dropped database).
    await feed.close();

    // One app instance, then the same dashboards spread over two (the feed is one LISTEN per instance: NOTIFY reaches
    // every instance, so presence scales out with the app).
    const sseRuns: { instances: number; deliveries: number[]; expected: number }[] = [];
    for (const instances of [1, 2]) {
      console.log(`\n== presence over HTTP: ${SUBSCRIBERS} dashboards' agents.onChange streams on ${instances} app instance(s) (next start), ${CHANGES} changes`);
      const sse = await presenceOverSse({
        databaseUrl: database.url,
        tenantId,
        moverAgentId: mover,
        subscribers: SUBSCRIBERS,
        changes: CHANGES,
        ports: Array.from({ length: instances }, (_, i) => APP_PORT + i),
        change: async (i) => {
          const to = i % 2 === 0 ? ("AVAILABLE" as const) : ("AWAY" as const);
          const moved = await db.$transaction((tx) => setAgentState(tx, { tenantId, agentId: mover, to, cause: "supervisor" }));
          if (!moved.changed) throw new Error(`the state change did not happen: ${moved.why}`);
        },
        createSupervisor: async () => {
          const userId = newId("usr");
          const email = `${userId}@bench.test`;
          await db.user.create({ data: { id: userId, email, name: "Bench Supervisor", passwordHash: "x", emailVerifiedAt: new Date() } });
          await db.membership.create({ data: { id: newId("mem"), tenantId, userId, role: "ADMIN" } });
          return { userId, email };
        },
      });
      sseRuns.push({ instances, ...sse });
    }
    console.table([
      stats("baseline: NOTIFY → one LISTEN client", baseline),
      stats(`in-process: commit → each of ${SUBSCRIBERS} subscribers`, deliveries),
      ...sseRuns.map((r) => stats(`HTTP SSE, ${r.instances} instance(s): commit → each of ${SUBSCRIBERS} dashboards`, r.deliveries)),
    ]);
    console.log(`SSE deliveries ${sseRuns.map((r) => `${r.deliveries.length} of ${r.expected}`).join(", ")}`);
    const ssePresenceP99 = Math.min(...sseRuns.map((r) => percentile([...r.deliveries].sort((a, b) => a - b), 99)));
    const sseComplete = sseRuns.every((r) => r.deliveries.length === r.expected);

    console.log(`\n== agents' states against the switch: ${SWITCH_AGENTS} agents, ${SWITCH_CALLERS} callers through the simulator and a worker`);
    // The decisions phase's callers have no channels: they are put away first, so the worker routes only real calls.
    await db.queueMember.deleteMany({ where: { tenantId } });
    await db.call.updateMany({ where: { tenantId }, data: { status: "COMPLETED", endedAt: new Date() } });
    await db.agent.updateMany({ where: { tenantId }, data: { state: "OFFLINE", registered: false, currentCallId: null, currentQueueId: null } });
    const onSwitch = await statesAgainstSwitch({ databaseUrl: database.url, agents: SWITCH_AGENTS, callers: SWITCH_CALLERS, timeScale: 0.25 });
    console.table([{ callers: onSwitch.calls, ...onSwitch.statuses, "still open": onSwitch.stillOpen, ...onSwitch.decisions, "answered wait p50 s": onSwitch.answerWaitP50, "answered wait p99 s": onSwitch.answerWaitP99 }]);
    console.log(`agents in a wrong state 3 s after the last call: ${onSwitch.wrongAtOnce.length}; after the ACD's 15 s grace: ${onSwitch.wrong.length}${onSwitch.wrong.length ? ` ${JSON.stringify(onSwitch.wrong.slice(0, 10))}` : ""}`);

    const ok =
      decisionP99 < 20 && presenceP99 < 250 && ssePresenceP99 < 250 && (mismatch?.n ?? 1) === 0 && deliveries.length === expected && sseComplete && onSwitch.wrong.length === 0 && onSwitch.stillOpen === 0;
    console.log(
      `\nrouting decision p99 ${decisionP99} ms (target < 20), presence p99 over HTTP SSE ${ssePresenceP99} ms at best of ${sseRuns.map((r) => r.instances).join("/")} instance(s) (in-process ${presenceP99} ms; target < 250): ${ok ? "met" : "NOT met"}`,
    );
    await db.$disconnect();
    return ok ? 0 : 1;
  } finally {
    await database.stop();
  }
}

runBenchmark(main);
