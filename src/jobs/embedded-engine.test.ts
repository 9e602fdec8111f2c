// The embedded job engine (no Inngest configured): webhook events fan out and deliver on the retry schedule with
// their state in PostgreSQL, so a runner stopped in the middle of a schedule (an app restart) loses nothing and the
// next runner delivers exactly once more.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/env";
import { deliverDue, fanOutOutbox, startEmbeddedEngine } from "@/jobs/embedded-engine";
import { db } from "@/server/db";
import { claimDueWebhookDeliveries } from "@/server/webhooks/claim-due-webhook-deliveries";
import { createWebhookEndpoint } from "@/server/webhooks/create-webhook-endpoint";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import { getJobBacklog } from "@/server/webhooks/job-engine-status";
import { WEBHOOK_MAX_ATTEMPTS } from "@/server/webhooks/retry-schedule";
import { sendBroadcast } from "@/server/broadcasts/send-broadcast";
import { draftTo, staffMember, tenantsOnOwnPlan } from "@/test/broadcast-fixtures";
import { createTestTenant, testTenantIds } from "@/test/factories";
import { startWebhookReceiver, type ReceiverReply } from "@/test/webhook-receiver";
import { waitFor } from "@/test/wait-for";

beforeEach(() => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
});
afterEach(() => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = [];
});

async function endpointAndEvent(reply: (index: number) => ReceiverReply) {
  const receiver = await startWebhookReceiver((_req, index) => reply(index));
  const { actor } = await createTestTenant();
  const { endpoint } = await createWebhookEndpoint(actor, { url: receiver.url(), eventTypes: ["api_key.created"] });
  const event = await db.$transaction((tx) => emitWebhookEvent(tx, { tenantId: actor.tenantId, type: "api_key.created", data: { api_key_id: "ak_1" } }));
  return { receiver, actor, endpoint, event };
}

const deliveryOf = (eventId: string) => db.webhookDelivery.findFirstOrThrow({ where: { eventId } });

describe("the embedded job engine", () => {
  it("delivers with no Inngest, and a restart in the middle of the retry schedule delivers exactly once more", async () => {
    const s = await endpointAndEvent((i) => (i === 0 ? { status: 503, body: "busy" } : { status: 204 }));
    try {
      const first = startEmbeddedEngine({ intervalMs: 50, tenantIds: testTenantIds() });
      const failed = await waitFor("the first attempt", async () => ((await deliveryOf(s.event.id)).status === "RETRYING" ? deliveryOf(s.event.id) : null), 10_000, 50);
      // The schedule's next attempt is a minute out, in the database, not in the runner's memory.
      expect(failed.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(50_000);
      expect(await getJobBacklog({ tenantId: s.actor.tenantId })).toMatchObject({ engine: "embedded", dueDeliveries: 0, unpublishedEvents: 0 });
      await first(); // the app stops (a restart)

      // The minute passes while no runner is up; the next process's runner finds the delivery due and sends it.
      await db.webhookDelivery.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date(Date.now() - 1_000) } });
      expect((await getJobBacklog({ tenantId: s.actor.tenantId })).dueDeliveries).toBe(1);
      const second = startEmbeddedEngine({ intervalMs: 50, tenantIds: testTenantIds() });
      const done = await waitFor("the retry", async () => ((await deliveryOf(s.event.id)).status === "SUCCEEDED" ? deliveryOf(s.event.id) : null), 10_000, 50);
      await second();
      expect(done.attemptCount).toBe(2);
      expect(s.receiver.received).toHaveLength(2);
      expect(s.receiver.received.map((r) => r.headers["irisx-event-id"])).toEqual([s.event.id, s.event.id]);
      // Nothing is sent again however often the engine runs.
      await fanOutOutbox();
      await deliverDue();
      expect(s.receiver.received).toHaveLength(2);
    } finally {
      await s.receiver.close();
    }
  });

  it("a claimed delivery is leased: a second runner does not take it while the first holds it", async () => {
    const s = await endpointAndEvent(() => ({ status: 204 }));
    try {
      await fanOutOutbox();
      const mine = await claimDueWebhookDeliveries({ limit: 1000, leaseMs: 60_000 });
      expect(mine.map((d) => d.id)).toContain((await deliveryOf(s.event.id)).id);
      const theirs = await claimDueWebhookDeliveries({ limit: 1000, leaseMs: 60_000 });
      expect(theirs.map((d) => d.id)).not.toContain((await deliveryOf(s.event.id)).id);
    } finally {
      await s.receiver.close();
    }
  });

  it("gives up after the whole schedule and marks the delivery failed", async () => {
    const s = await endpointAndEvent(() => ({ status: 500 }));
    try {
      await fanOutOutbox();
      for (let i = 0; i < WEBHOOK_MAX_ATTEMPTS; i++) {
        await db.webhookDelivery.updateMany({ where: { eventId: s.event.id, status: { in: ["PENDING", "RETRYING"] } }, data: { nextAttemptAt: new Date(Date.now() - 1_000) } });
        await deliverDue();
      }
      const d = await deliveryOf(s.event.id);
      expect(d.status).toBe("FAILED");
      expect(d.attemptCount).toBeLessThanOrEqual(WEBHOOK_MAX_ATTEMPTS);
    } finally {
      await s.receiver.close();
    }
  });
});

describe("the embedded job engine and broadcasts", () => {
  it("mails a sent broadcast's recipients with no Inngest, and a stop waits for the pass under way", async () => {
    const { actor } = await staffMember();
    const { segment, emails } = await tenantsOnOwnPlan(3);
    const draft = await draftTo(actor, segment);
    await sendBroadcast(actor, { broadcastId: draft.id });
    const stop = startEmbeddedEngine({ intervalMs: 50, tenantIds: testTenantIds() });
    try {
      await waitFor("the broadcast sent", async () => ((await db.broadcast.findUniqueOrThrow({ where: { id: draft.id } })).status === "SENT" ? true : null), 10_000, 50);
    } finally {
      await stop();
    }
    expect(await db.emailMessage.count({ where: { to: { in: emails } } })).toBe(3);
    expect(await db.broadcast.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ leaseOwner: null });
  });
});
