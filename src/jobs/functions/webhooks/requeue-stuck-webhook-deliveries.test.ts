// A delivery whose run is gone (its request never sent, or the run failed for good) is requested again and
// resumes its schedule; deliveries with a live or finished run are left alone.
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { requeueStuckWebhookDeliveries } from "@/jobs/functions/webhooks/requeue-stuck-webhook-deliveries";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { createWebhookDeliveries } from "@/server/webhooks/create-webhook-deliveries";
import { createWebhookEndpoint } from "@/server/webhooks/create-webhook-endpoint";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import { createTestTenant } from "@/test/factories";

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

describe("requeue-stuck-webhook-deliveries", () => {
  it("re-requests deliveries overdue past the margin, resuming after their scheduled attempts", async () => {
    const { actor } = await createTestTenant();
    const endpointIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      endpointIds.push((await createWebhookEndpoint(actor, { url: `https://hooks.example.com/${i}`, eventTypes: ["*"] }, { resolve: async () => [{ address: "93.184.216.34", family: 4 }] })).endpoint.id);
    }
    const event = await db.$transaction((tx) => emitWebhookEvent(tx, { tenantId: actor.tenantId, type: "tenant.updated", data: {} }));
    await createWebhookDeliveries(event.id);
    const byEndpoint = new Map((await db.webhookDelivery.findMany({ where: { eventId: event.id } })).map((d) => [d.endpointId, d.id]));
    // The fifth delivery is left as fan-out made it: just created, not stuck.
    const [neverRequested, diedMidSchedule, waiting, finished] = endpointIds.map((id) => byEndpoint.get(id)!);

    // Fan-out created it, but its request was never sent: still PENDING an hour later.
    await db.webhookDelivery.update({ where: { id: neverRequested }, data: { createdAt: ago(HOUR) } });
    // Two scheduled attempts and a manual one, then the run died: its next attempt is 2 h overdue.
    await db.webhookDelivery.update({ where: { id: diedMidSchedule }, data: { status: "RETRYING", attemptCount: 3, lastAttemptAt: ago(3 * HOUR), nextAttemptAt: ago(2 * HOUR), createdAt: ago(4 * HOUR) } });
    await db.webhookAttempt.createMany({
      data: [false, false, true].map((manual, i) => ({ id: newId("wa"), tenantId: actor.tenantId, deliveryId: diedMidSchedule!, attempt: i + 1, manual, durationMs: 5 })),
    });
    // A live run sleeping until its next attempt, and a finished delivery: not stuck.
    await db.webhookDelivery.update({ where: { id: waiting }, data: { status: "RETRYING", attemptCount: 4, lastAttemptAt: ago(HOUR), nextAttemptAt: new Date(Date.now() + HOUR), createdAt: ago(2 * HOUR) } });
    await db.webhookDelivery.update({ where: { id: finished }, data: { status: "FAILED", createdAt: ago(40 * HOUR) } });

    const t = new InngestTestEngine({ function: requeueStuckWebhookDeliveries });
    const { result, ctx } = await t.execute({
      events: [{ name: "inngest/scheduled.timer", data: {}, ts: 5 * HOUR }],
      steps: [
        { id: "request-deliveries", handler: () => ({ ids: [] }) },
        { id: "fan-out-events", handler: () => ({ ids: [] }) },
      ],
    });
    expect(result).toEqual({ refannedOut: 0, requeued: 2 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("request-deliveries", [
      // Oldest first.
      expect.objectContaining({ name: "webhook/delivery.requested", data: { deliveryId: diedMidSchedule, firstAttempt: 3 }, id: `${diedMidSchedule}:requeue:2:5` }),
      expect.objectContaining({ name: "webhook/delivery.requested", data: { deliveryId: neverRequested, firstAttempt: 1 }, id: `${neverRequested}:requeue:0:5` }),
    ]);
  });

  it("fans out again a published event whose fan-out never completed, and leaves fanned-out or fresh ones alone", async () => {
    const { actor } = await createTestTenant();
    await createWebhookEndpoint(actor, { url: "https://hooks.example.com/x", eventTypes: ["*"] }, { resolve: async () => [{ address: "93.184.216.34", family: 4 }] });
    const emit = () => db.$transaction((tx) => emitWebhookEvent(tx, { tenantId: actor.tenantId, type: "tenant.updated", data: {} }));
    const lost = await emit();
    const fannedOut = await emit();
    const fresh = await emit();
    await db.webhookEvent.updateMany({ where: { id: { in: [lost.id, fannedOut.id] } }, data: { publishedAt: ago(HOUR) } });
    await db.webhookEvent.update({ where: { id: fresh.id }, data: { publishedAt: new Date() } });
    await createWebhookDeliveries(fannedOut.id);
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: fannedOut.id } })).fannedOutAt).not.toBeNull();

    const t = new InngestTestEngine({ function: requeueStuckWebhookDeliveries });
    const { result, ctx } = await t.execute({
      events: [{ name: "inngest/scheduled.timer", data: {}, ts: 7 * HOUR }],
      steps: [
        { id: "fan-out-events", handler: () => ({ ids: [] }) },
        { id: "request-deliveries", handler: () => ({ ids: [] }) },
      ],
    });
    // (Deliveries the first test left stuck share this file's database; only the fan-out side is counted here.)
    expect(result).toMatchObject({ refannedOut: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("fan-out-events", [
      expect.objectContaining({ name: "webhook/event.created", data: { eventId: lost.id }, id: `${lost.id}:refanout:7` }),
    ]);

    // The re-run fan-out creates the deliveries and marks the event, so the next sweep leaves it alone.
    await createWebhookDeliveries(lost.id);
    expect(await db.webhookDelivery.count({ where: { eventId: lost.id } })).toBe(1);
    const again = await new InngestTestEngine({ function: requeueStuckWebhookDeliveries }).execute({
      events: [{ name: "inngest/scheduled.timer", data: {}, ts: 8 * HOUR }],
      steps: [
        { id: "fan-out-events", handler: () => ({ ids: [] }) },
        { id: "request-deliveries", handler: () => ({ ids: [] }) },
      ],
    });
    expect(again.result).toMatchObject({ refannedOut: 0 });
  });
});
