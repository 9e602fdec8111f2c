import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { getPlatformHealth } from "@/server/admin/platform-health";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

describe("system health for staff", () => {
  it("counts live calls by state and the last hour's webhook deliveries by outcome, beside /api/health's report", async () => {
    const before = await getPlatformHealth();
    const { tenant } = await createTestTenant();
    const endpointId = newId("we");
    await db.webhookEndpoint.create({ data: { id: endpointId, tenantId: tenant.id, url: "https://example.com/h", eventTypes: ["*"], secretCiphertext: "sealed" } });
    // One delivery per event and endpoint.
    for (const status of ["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED"] as const) {
      const eventId = newId("evt");
      await db.webhookEvent.create({ data: { id: eventId, tenantId: tenant.id, type: "webhook.test", payload: {} } });
      await db.webhookDelivery.create({ data: { id: newId("whd"), tenantId: tenant.id, eventId, endpointId, status } });
    }
    for (const status of ["IN_PROGRESS", "RINGING", "QUEUED", "COMPLETED"] as const) {
      await db.call.create({ data: { id: newId("CA"), tenantId: tenant.id, direction: "OUTBOUND_API", from: "+14155550100", to: "+14155550101", status } });
    }
    const after = await getPlatformHealth();
    expect(after.health.database.status).toBe("up");
    expect(after.liveCalls!.inProgress - before.liveCalls!.inProgress).toBeGreaterThanOrEqual(1);
    expect(after.liveCalls!.ringing - before.liveCalls!.ringing).toBeGreaterThanOrEqual(1);
    expect(after.webhooksLastHour!.succeeded - before.webhooksLastHour!.succeeded).toBeGreaterThanOrEqual(3);
    expect(after.webhooksLastHour!.failed - before.webhooksLastHour!.failed).toBeGreaterThanOrEqual(1);
    expect(after.webhooksLastHour!.failureRate).toBeGreaterThan(0);
    expect(after.webhooksLastHour!.failureRate).toBeLessThan(1);
  });
});
