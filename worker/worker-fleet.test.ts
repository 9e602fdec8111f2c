// The worker as a process among others: CPS pacing end to end, two workers on two switches sharing one queue,
// graceful drain (SIGTERM on the real entry point too), and what /api/health sees of it.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { getHealth } from "@/server/health/get-health";
import { updateCall } from "@/server/calls/update-call";
import { createVoiceTenant } from "@/test/call-fixtures";
import type { EslEvent } from "./esl/wire";
import type { SwitchConnection } from "./switch-port";
import { placeCall, testFleet, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

// Queued calls belong to no switch until claimed: every test starts with no other worker around.
const { sim, worker } = testFleet();

beforeAll(async () => {
  await useTempRecordingDirs();
});

const FINAL = ["COMPLETED", "BUSY", "FAILED", "NO_ANSWER", "CANCELED"] as const;

describe("pacing and sharing the queue", () => {
  it("a tenant limited to 2 calls per second gets 10 calls started at about 2 per second", async () => {
    const s = await sim();
    await worker(s, { switchId: "fs-pace" });
    const voice = await createVoiceTenant({ callsPerSecond: 2, maxConcurrentCalls: 50 });
    const calls: { id: string }[] = [];
    for (let i = 0; i < 10; i++) calls.push(await placeCall(voice.actor, { to: "+15005550101", from: voice.number.e164, instructions: [{ pause: 1 }] }));
    await waitFor("all ten ended", async () => (await db.call.count({ where: { id: { in: calls.map((c) => c.id) }, status: { in: [...FINAL] } } })) === 10, 20_000);
    const rows = await db.call.findMany({ where: { id: { in: calls.map((c) => c.id) } }, select: { claimedAt: true }, orderBy: { claimedAt: "asc" } });
    const times = rows.map((r) => r.claimedAt!.getTime());
    // Never more than 2 in any rolling second, and the ten spread over at least 4 seconds.
    for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 2]!).toBeGreaterThanOrEqual(990);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(3_900);
    expect(times.at(-1)! - times[0]!).toBeLessThan(7_000);
  }, 30_000);

  it("two workers on two switches share the queue without originating any call twice", async () => {
    const [a, b] = [await sim(), await sim()];
    // Small batches and few originates in flight, so neither worker can take the whole queue in one claim.
    const wa = await worker(a, { switchId: "fs-a", claimBatch: 4, maxInFlightOriginates: 8 });
    const wb = await worker(b, { switchId: "fs-b", claimBatch: 4, maxInFlightOriginates: 8 });
    const originated = new Map<string, number>();
    const count = (e: EslEvent) => {
      const callId = e.variable("irisx_call_id");
      if (e.name === "CHANNEL_ANSWER" && callId) originated.set(callId, (originated.get(callId) ?? 0) + 1);
    };
    (wa.context.esl as SwitchConnection).onEvent(count);
    (wb.context.esl as SwitchConnection).onEvent(count);
    const voice = await createVoiceTenant({ callsPerSecond: 100, maxConcurrentCalls: 200 });
    // Each call lasts 0.5 s (10 s at timeScale 0.05), so one worker alone (8 at a time) needs 2.5 s for the forty: the
    // other always gets its share, even when a loaded machine starts its first claim round late.
    const calls = await Promise.all(Array.from({ length: 40 }, () => placeCall(voice.actor, { to: "+15005550101", from: voice.number.e164, instructions: [{ pause: 10 }] })));
    const ids = calls.map((c) => c.id);
    await waitFor("all forty ended", async () => (await db.call.count({ where: { id: { in: ids }, status: { in: [...FINAL] } } })) === 40, 20_000);
    const rows = await db.call.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, switchId: true } });
    expect(rows.every((r) => r.status === "COMPLETED")).toBe(true);
    expect(new Set(rows.map((r) => r.switchId))).toEqual(new Set(["fs-a", "fs-b"]));
    expect(await db.callRecord.count({ where: { callId: { in: ids } } })).toBe(40);
    expect(originated.size).toBe(40);
    expect([...originated.values()].every((n) => n === 1)).toBe(true);
  }, 30_000);
});

describe("graceful drain", () => {
  it("stop() stops claiming, finishes in-flight work, marks the instance stopped and leaves live calls on the switch", async () => {
    const s = await sim();
    const w = await worker(s, { switchId: "fs-drain" });
    const voice = await createVoiceTenant({ callsPerSecond: 50, maxConcurrentCalls: 50 });
    const live = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ pause: 60 }] });
    await waitFor("answered", async () => (await db.call.findUnique({ where: { id: live.id } }))?.status === "IN_PROGRESS");
    const { drained } = await w.stop(5_000);
    expect(drained).toBe(true);
    expect((await db.workerInstance.findUniqueOrThrow({ where: { id: w.id } })).linkState).toBe("stopped");
    const uuid = (await db.call.findUniqueOrThrow({ where: { id: live.id } })).channelUuid!;
    expect(s.channels.has(uuid)).toBe(true);

    // Nobody claims while no worker runs; the next worker adopts the live call and ends it on request.
    const queued = await placeCall(voice.actor, { to: "+15005550101", from: voice.number.e164, instructions: [{ pause: 1 }] });
    await new Promise((r) => setTimeout(r, 300));
    expect((await db.call.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe("QUEUED");
    const next = await worker(s, { switchId: "fs-drain" });
    await waitFor("adopted", async () => next.context.channels.get(uuid) !== undefined);
    await updateCall(voice.actor, { callId: live.id, status: "completed" });
    const ended = await waitForFinalCall(live.id);
    expect(ended.status).toBe("COMPLETED");
    expect(await db.callRecord.count({ where: { callId: live.id } })).toBe(1);
    await waitForFinalCall(queued.id);
  }, 30_000);

  it("npm run worker: /health answers, SIGTERM drains and exits 0", async () => {
    const s = await sim();
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        SWITCH_ID: "fs-proc",
        FREESWITCH_ESL_HOST: "127.0.0.1",
        FREESWITCH_ESL_PORT: String(s.eslPort),
        WORKER_HEALTH_PORT: String(port),
        WORKER_DRAIN_SECONDS: "5",
      },
      stdio: "ignore",
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const health = await waitFor(
      "the health endpoint up with the link",
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        return res.status === 200 ? ((await res.json()) as { link: string; switchId: string }) : null;
      },
      20_000,
      200,
    );
    expect(health).toMatchObject({ link: "up", switchId: "fs-proc" });
    const instance = await waitFor("its heartbeat", () => db.workerInstance.findFirst({ where: { switchId: "fs-proc", linkState: "connected" } }));
    const report = await getHealth({ db, workerHeartbeatStaleMs: 30_000, outboxLagMs: 60_000 });
    expect(report.workers.instances.find((i) => i.id === instance.id)).toMatchObject({ fresh: true, linkState: "connected" });
    expect(report.switchLink.status).toBe("up");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect((await db.workerInstance.findUniqueOrThrow({ where: { id: instance.id } })).linkState).toBe("stopped");
    // Seen from /api/health a minute later: stale.
    const later = await getHealth({ db, workerHeartbeatStaleMs: 30_000, outboxLagMs: 60_000, now: new Date(Date.now() + 60_000) });
    expect(later.workers.instances.find((i) => i.id === instance.id)?.fresh).toBe(false);
  }, 40_000);
});
