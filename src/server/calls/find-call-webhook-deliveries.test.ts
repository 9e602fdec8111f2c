import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { newId, newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { findCallWebhookDeliveries } from "@/server/calls/find-call-webhook-deliveries";

async function callWithDelivery(tenantId: string, endpointId: string, type = "call.completed") {
  const callId = newSid("CA");
  await db.call.create({ data: { id: callId, tenantId, direction: "OUTBOUND_API", from: "+15005550006", to: "+15005550100" } });
  const eventId = newId("evt");
  await db.webhookEvent.create({ data: { id: eventId, tenantId, type, payload: { call: { id: callId, status: "completed" }, sequence: 3 } } });
  const deliveryId = newId("whd");
  await db.webhookDelivery.create({ data: { id: deliveryId, tenantId, eventId, endpointId, status: "SUCCEEDED", attemptCount: 1, lastStatusCode: 200 } });
  return { callId, deliveryId };
}

describe("findCallWebhookDeliveries", () => {
  it("lists the deliveries of this call's events only, with the event type and endpoint URL", async () => {
    const { actor } = await createTestTenant();
    const endpointId = newId("we");
    await db.webhookEndpoint.create({ data: { id: endpointId, tenantId: actor.tenantId, url: "https://example.com/hook", eventTypes: ["*"], secretCiphertext: "x" } });
    const mine = await callWithDelivery(actor.tenantId, endpointId);
    await callWithDelivery(actor.tenantId, endpointId);

    const found = await findCallWebhookDeliveries(actor, { callId: mine.callId });
    expect(found).toEqual([
      expect.objectContaining({ id: mine.deliveryId, eventType: "call.completed", endpointUrl: "https://example.com/hook", status: "SUCCEEDED", lastStatusCode: 200 }),
    ]);
  });

  it("reads another tenant's call as NOT_FOUND and is for webhook managers", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const endpointId = newId("we");
    await db.webhookEndpoint.create({ data: { id: endpointId, tenantId: a.actor.tenantId, url: "https://a.example.com/hook", eventTypes: ["*"], secretCiphertext: "x" } });
    const { callId } = await callWithDelivery(a.actor.tenantId, endpointId);
    await expect(findCallWebhookDeliveries(b.actor, { callId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const asAgent = findCallWebhookDeliveries({ ...a.actor, role: "AGENT" }, { callId });
    await expect(asAgent).rejects.toBeInstanceOf(AppError);
    await expect(asAgent).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
