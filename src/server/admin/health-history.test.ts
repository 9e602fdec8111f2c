// The status history of /admin/health: a sample a minute, buckets with their bands, and the latest failures.
// This file has its database to itself.
import { beforeEach, describe, expect, it } from "vitest";
import type { HealthSample } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { findHealthHistory } from "@/server/admin/find-health-history";
import { findRecentFailures } from "@/server/admin/find-recent-failures";
import { recordHealthSample } from "@/server/admin/record-health-sample";
import { observeHttpRequest } from "@/server/metrics/registry";
import { newId } from "@/server/shared/ids";
import { insertEndedCall } from "@/test/call-fixtures";
import { createTestTenant } from "@/test/factories";

const T = new Date("2026-05-01T10:00:30Z");
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

beforeEach(async () => {
  await db.$executeRawUnsafe(`TRUNCATE "Tenant", "HealthSample", "WorkerInstance" CASCADE`);
});

async function webhookDeliveries(tenantId: string, rows: { status: "SUCCEEDED" | "FAILED"; at: Date; lastStatusCode?: number; lastError?: string }[]) {
  const endpointId = newId("we");
  await db.webhookEndpoint.create({ data: { id: endpointId, tenantId, url: "https://hooks.example.com/irisx", eventTypes: ["*"], secretCiphertext: "sealed" } });
  for (const row of rows) {
    const eventId = newId("evt");
    await db.webhookEvent.create({ data: { id: eventId, tenantId, type: "call.completed", payload: {}, publishedAt: row.at } });
    const id = newId("whd");
    await db.webhookDelivery.create({ data: { id, tenantId, eventId, endpointId, status: row.status, attemptCount: 3, lastStatusCode: row.lastStatusCode ?? null, lastError: row.lastError ?? null } });
    await db.$executeRaw`UPDATE "WebhookDelivery" SET "updatedAt" = ${row.at} WHERE id = ${id}`;
  }
}

describe("the health sample of a minute", () => {
  it("records the database, workers, switch links, live calls, settled webhooks, outbox and API traffic, once a minute", async () => {
    await db.workerInstance.createMany({
      data: [
        { id: "w1", hostname: "sw-a", switchId: "fs1", linkState: "connected", lastHeartbeatAt: plus(T, 120_000) },
        { id: "w2", hostname: "sw-b", switchId: "fs2", linkState: "connected", lastHeartbeatAt: plus(T, -600_000) },
      ],
    });
    const { tenant } = await createTestTenant();
    for (const status of ["IN_PROGRESS", "RINGING", "QUEUED", "COMPLETED"] as const) {
      await db.call.create({ data: { id: newId("CA"), tenantId: tenant.id, direction: "OUTBOUND_API", from: "+14155550100", to: "+15005550100", status } });
    }
    // Settled in the minute before T: 3 delivered, 1 failed; one failed earlier is not this minute's.
    await webhookDeliveries(tenant.id, [
      ...[1, 2, 3].map(() => ({ status: "SUCCEEDED" as const, at: plus(T, -30_000) })),
      { status: "FAILED", at: plus(T, -20_000), lastStatusCode: 502 },
      { status: "FAILED", at: plus(T, -90_000), lastStatusCode: 502 },
    ]);
    // One event still in the outbox, 90 s old.
    await db.webhookEvent.create({ data: { id: newId("evt"), tenantId: tenant.id, type: "call.completed", payload: {}, createdAt: plus(T, -90_000) } });

    expect(await recordHealthSample(T)).toEqual({ recorded: true, pruned: 0 });
    const first = await db.healthSample.findUniqueOrThrow({ where: { minute: new Date("2026-05-01T10:00:00Z") } });
    expect(first).toMatchObject({
      takenAt: T,
      databaseUp: true,
      workersFresh: 1,
      switchLinksUp: 1,
      liveCalls: 2,
      webhooksDelivered: 3,
      webhooksFailed: 1,
      outboxBacklog: 1,
      outboxOldestAgeSeconds: 90,
    });
    expect(first.databaseLatencyMs).toBeGreaterThan(0);

    // The same minute again (another app process, a retried run): kept as first written.
    expect(await recordHealthSample(plus(T, 5_000))).toEqual({ recorded: false, pruned: 0 });

    // API traffic since that last sample: 30 requests, 3 of them 5xx at 300 ms.
    for (let i = 0; i < 27; i++) observeHttpRequest({ route: "/api/v1/calls", method: "POST", status: 201, durationMs: 20 });
    for (let i = 0; i < 3; i++) observeHttpRequest({ route: "/api/v1/calls", method: "POST", status: 500, durationMs: 300 });
    await recordHealthSample(plus(T, 60_000));
    expect(await db.healthSample.findUniqueOrThrow({ where: { minute: new Date("2026-05-01T10:01:00Z") } })).toMatchObject({
      webhooksDelivered: 0,
      webhooksFailed: 0,
      apiRequests: 30,
      apiErrors: 3,
      apiP95Ms: 375,
      apiWindowSeconds: 55,
    });
  });

  it("prunes samples older than 7 days in the same run", async () => {
    const sample = (minute: Date) => ({ minute, takenAt: minute, databaseUp: true, workersFresh: 1, switchLinksUp: 1, liveCalls: 0, webhooksDelivered: 0, webhooksFailed: 0, outboxBacklog: 0, apiRequests: 0, apiErrors: 0, apiWindowSeconds: 60 });
    const minute = new Date("2026-05-01T10:00:00Z");
    await db.healthSample.createMany({ data: [sample(plus(minute, -7 * 86_400_000 - 60_000)), sample(plus(minute, -7 * 86_400_000))] });
    expect(await recordHealthSample(T)).toEqual({ recorded: true, pruned: 1 });
    expect(await db.healthSample.count()).toBe(2);
  });
});

describe("the status history", () => {
  const NOW = new Date("2026-05-01T12:02:00Z");
  const ok: Omit<HealthSample, "minute" | "takenAt"> = {
    databaseUp: true,
    databaseLatencyMs: 2,
    workersFresh: 2,
    switchLinksUp: 2,
    liveCalls: 5,
    webhooksDelivered: 10,
    webhooksFailed: 0,
    outboxBacklog: 0,
    outboxOldestAgeSeconds: null,
    apiRequests: 100,
    apiErrors: 0,
    apiP95Ms: 50,
    apiWindowSeconds: 60,
  };
  const at = (hhmm: string, figures: Partial<HealthSample> = {}) => ({ ...ok, minute: new Date(`2026-05-01T${hhmm}:00Z`), takenAt: new Date(`2026-05-01T${hhmm}:05Z`), ...figures });

  beforeEach(async () => {
    await db.healthSample.createMany({
      data: [
        at("11:50", { databaseLatencyMs: 4.5, liveCalls: 7, webhooksDelivered: 19, webhooksFailed: 1, apiErrors: 2, apiP95Ms: 120 }),
        at("11:51", { workersFresh: 1, switchLinksUp: 1, apiRequests: 300, apiErrors: 2 }),
        at("11:55"),
        at("11:56", { outboxBacklog: 40, outboxOldestAgeSeconds: 120 }),
        at("12:00", { apiRequests: 50, apiErrors: 30 }),
      ],
    });
  });

  it("buckets the last 24 hours by 5 minutes: the worst band of each, levels at their worst, rates over the bucket", async () => {
    const history = await findHealthHistory({ range: "24h" }, NOW);
    expect(history).toMatchObject({ range: "24h", bucketSeconds: 300, from: new Date("2026-04-30T12:05:00Z"), to: new Date("2026-05-01T12:05:00Z") });
    expect(history.buckets).toHaveLength(288);
    const bucket = (hhmm: string) => history.buckets.find((b) => b.start.getTime() === Date.parse(`2026-05-01T${hhmm}:00Z`));
    expect(bucket("11:45")).toMatchObject({ samples: 0, band: "none", reasons: [], databaseLatencyMs: null, apiErrorRate: null, webhookFailureRate: null });
    expect(bucket("11:50")).toEqual({
      start: new Date("2026-05-01T11:50:00Z"),
      samples: 2,
      band: "ok",
      reasons: [],
      databaseLatencyMs: 4.5,
      liveCalls: 7,
      workersFresh: 1,
      switchLinksUp: 1,
      outboxBacklog: 0,
      webhookFailureRate: 1 / 30,
      apiRequests: 400,
      apiErrorRate: 4 / 400,
      apiP95Ms: 120,
    });
    expect(bucket("11:55")).toMatchObject({ samples: 2, band: "degraded", reasons: ["outbox 120 s behind"], outboxBacklog: 40 });
    expect(bucket("12:00")).toMatchObject({ samples: 1, band: "down", reasons: ["60% of API requests failed"], apiErrorRate: 0.6 });
    // 23 h 57 min have passed in the range; 5 of those minutes were sampled.
    expect(history.minutes).toEqual({ ok: 3, degraded: 1, down: 1, none: 1432 });
  });

  it("buckets the last 7 days by 30 minutes", async () => {
    const history = await findHealthHistory({ range: "7d" }, NOW);
    expect(history.buckets).toHaveLength(336);
    expect(history.to).toEqual(new Date("2026-05-01T12:30:00Z"));
    expect(history.buckets.at(-2)).toMatchObject({ start: new Date("2026-05-01T11:30:00Z"), samples: 4, band: "degraded" });
    expect(history.buckets.at(-1)).toMatchObject({ start: new Date("2026-05-01T12:00:00Z"), samples: 1, band: "down" });
  });

  it("is all gaps with no samples, not an error", async () => {
    await db.$executeRawUnsafe(`TRUNCATE "HealthSample"`);
    const history = await findHealthHistory({}, NOW);
    expect(history.buckets.every((b) => b.band === "none" && b.samples === 0)).toBe(true);
    expect(history.minutes).toEqual({ ok: 0, degraded: 0, down: 0, none: 1437 });
  });
});

describe("recent failures", () => {
  it("lists failed webhook deliveries and failed calls of the last 24 hours, newest first, with their tenant", async () => {
    const now = new Date();
    const { tenant } = await createTestTenant({ name: "Failing Co" });
    await webhookDeliveries(tenant.id, [
      { status: "FAILED", at: plus(now, -60_000), lastStatusCode: 503 },
      { status: "FAILED", at: plus(now, -120_000), lastError: "connect ECONNREFUSED" },
      { status: "FAILED", at: plus(now, -2 * 86_400_000), lastStatusCode: 500 },
      { status: "SUCCEEDED", at: plus(now, -30_000) },
    ]);
    const failedCall = await insertEndedCall(tenant.id, { endedAt: plus(now, -90_000), billableSeconds: 0, costMicros: 0n, status: "FAILED", hangupCause: "DESTINATION_OUT_OF_ORDER", sipStatus: 502 });
    await insertEndedCall(tenant.id, { endedAt: plus(now, -10_000), billableSeconds: 0, costMicros: 0n, status: "NO_ANSWER" });

    const failures = await findRecentFailures(now);
    expect(failures.map((f) => [f.kind, f.tenantName, f.subject, f.detail])).toEqual([
      ["webhook", "Failing Co", "call.completed → https://hooks.example.com/irisx", "HTTP 503 after 3 attempts"],
      ["call", "Failing Co", "call to +15005550100", "DESTINATION_OUT_OF_ORDER, SIP 502"],
      ["webhook", "Failing Co", "call.completed → https://hooks.example.com/irisx", "connect ECONNREFUSED after 3 attempts"],
    ]);
    expect(failures[1]).toMatchObject({ id: failedCall.callId, tenantId: tenant.id });
  });
});
