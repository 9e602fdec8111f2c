import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { getHealth, SWITCH_LINK_UP } from "./get-health";

const NOW = new Date("2026-11-25T12:00:00Z");
const opts = { db, workerHeartbeatStaleMs: 30_000, outboxLagMs: 60_000, now: NOW };
const ago = (ms: number) => new Date(NOW.getTime() - ms);

async function addWorker(lastHeartbeatAt: Date, linkState: string) {
  await db.workerInstance.create({ data: { id: newId("wrk"), hostname: "host-a", switchId: "fs1", linkState, lastHeartbeatAt } });
}

beforeEach(async () => {
  await db.workerInstance.deleteMany();
  await db.webhookEvent.deleteMany();
});

describe("getHealth", () => {
  it("is ok when a fresh worker holds the switch link and the outbox is drained", async () => {
    await addWorker(ago(5_000), SWITCH_LINK_UP);
    const report = await getHealth(opts);
    expect(report.status).toBe("ok");
    expect(report.database.status).toBe("up");
    expect(report.workers).toMatchObject({ status: "up", fresh: 1 });
    expect(report.switchLink).toEqual({ status: "up", connectedWorkers: 1 });
    expect(report.outbox).toEqual({ status: "ok", unpublished: 0, oldestAgeMs: null });
  });

  it("is degraded when no worker has sent a heartbeat", async () => {
    const report = await getHealth(opts);
    expect(report.status).toBe("degraded");
    expect(report.workers.status).toBe("none");
    expect(report.switchLink.status).toBe("unknown");
  });

  it("counts a worker whose heartbeat is older than the stale limit as stale, and ignores its link", async () => {
    await addWorker(ago(45_000), SWITCH_LINK_UP);
    const report = await getHealth(opts);
    expect(report.status).toBe("degraded");
    expect(report.workers).toMatchObject({ status: "stale", fresh: 0 });
    expect(report.workers.instances[0]?.fresh).toBe(false);
    expect(report.switchLink.status).toBe("unknown");
  });

  it("reports the switch link down when fresh workers are not connected to FreeSWITCH", async () => {
    await addWorker(ago(1_000), "connecting");
    const report = await getHealth(opts);
    expect(report.status).toBe("degraded");
    expect(report.switchLink).toEqual({ status: "down", connectedWorkers: 0 });
  });

  it("reports the outbox backlog and flags it lagging past the limit", async () => {
    await addWorker(ago(1_000), SWITCH_LINK_UP);
    const { tenant } = await createTestTenant();
    await db.webhookEvent.createMany({
      data: [
        { id: newId("evt"), tenantId: tenant.id, type: "call.completed", payload: {}, createdAt: ago(120_000) },
        { id: newId("evt"), tenantId: tenant.id, type: "call.completed", payload: {}, createdAt: ago(10_000) },
        { id: newId("evt"), tenantId: tenant.id, type: "call.completed", payload: {}, createdAt: ago(500_000), publishedAt: ago(499_000) },
      ],
    });
    const report = await getHealth(opts);
    expect(report.outbox).toEqual({ status: "lagging", unpublished: 2, oldestAgeMs: 120_000 });
    expect(report.status).toBe("degraded");
  });

  describe("with the database unreachable", () => {
    const deadDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://irisx:irisx@127.0.0.1:1/irisx", connectionTimeoutMillis: 500 }) });
    afterAll(() => deadDb.$disconnect());

    it("is down and says why", async () => {
      const report = await getHealth({ ...opts, db: deadDb });
      expect(report.status).toBe("down");
      expect(report.database.status).toBe("down");
      expect(report.database.error).toBeTruthy();
    });
  });
});
