import { InngestTestEngine } from "@inngest/test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/env";
import { fanOutWebhookEvent } from "@/jobs/functions/webhooks/fan-out-webhook-event";
import { db } from "@/server/db";
import { createWebhookEndpoint } from "@/server/webhooks/create-webhook-endpoint";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import { sendTestWebhook } from "@/server/webhooks/send-test-webhook";
import { updateWebhookEndpoint } from "@/server/webhooks/update-webhook-endpoint";
import { createTestTenant } from "@/test/factories";

function run(eventId: string) {
  const t = new InngestTestEngine({ function: fanOutWebhookEvent });
  return t.execute({
    events: [{ name: "webhook/event.created", data: { eventId } }],
    // step.sendEvent would call the Inngest API; the test asserts what it was asked to send.
    steps: [{ id: "request-deliveries", handler: () => ({ ids: [] }) }],
  });
}

beforeEach(() => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
});
afterEach(() => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = [];
});

describe("fan-out-webhook-event", () => {
  it("creates one delivery per enabled, subscribed endpoint of the tenant, idempotently", async () => {
    const { actor } = await createTestTenant();
    const other = await createTestTenant();
    const url = "http://127.0.0.1:9/hooks";
    const all = await createWebhookEndpoint(actor, { url, eventTypes: ["*"] });
    const exact = await createWebhookEndpoint(actor, { url, eventTypes: ["api_key.created", "member.joined"] });
    await createWebhookEndpoint(actor, { url, eventTypes: ["call.completed"] });
    const disabled = await createWebhookEndpoint(actor, { url, eventTypes: ["*"] });
    await updateWebhookEndpoint(actor, { id: disabled.endpoint.id, enabled: false });
    await createWebhookEndpoint(other.actor, { url, eventTypes: ["*"] });

    const event = await db.$transaction((tx) => emitWebhookEvent(tx, { tenantId: actor.tenantId, type: "api_key.created", data: { api_key_id: "ak_1" } }));
    const first = await run(event.id);
    expect(first.result).toEqual({ eventId: event.id, deliveries: 2 });
    const deliveries = await db.webhookDelivery.findMany({ where: { eventId: event.id }, orderBy: { id: "asc" } });
    expect(deliveries.map((d) => d.endpointId).sort()).toEqual([all.endpoint.id, exact.endpoint.id].sort());
    expect(first.ctx.step.sendEvent).toHaveBeenCalledWith(
      "request-deliveries",
      deliveries.map((d) => expect.objectContaining({ name: "webhook/delivery.requested", data: { deliveryId: d.id }, id: d.id })),
    );

    // A re-run (Inngest retry, duplicate event) finds the same deliveries and creates none.
    const second = await run(event.id);
    expect(second.result).toEqual({ eventId: event.id, deliveries: 2 });
    expect(await db.webhookDelivery.count({ where: { eventId: event.id } })).toBe(2);
  });

  it("sends a webhook.test event only to the endpoint it was addressed to", async () => {
    const { actor } = await createTestTenant();
    const url = "http://127.0.0.1:9/hooks";
    const target = await createWebhookEndpoint(actor, { url, eventTypes: ["call.completed"] });
    await createWebhookEndpoint(actor, { url, eventTypes: ["*"] });
    const { eventId } = await sendTestWebhook(actor, { id: target.endpoint.id });
    const { result } = await run(eventId);
    expect(result).toEqual({ eventId, deliveries: 1 });
    const [delivery] = await db.webhookDelivery.findMany({ where: { eventId } });
    expect(delivery!.endpointId).toBe(target.endpoint.id);
  });
});
