// The outbox survives an Inngest outage: nothing is lost, nothing is sent twice.
import { describe, expect, it } from "vitest";
import { relayOutbox, drainOutbox, type OutboxEventPayload } from "@/jobs/outbox-relay";
import { db } from "@/server/db";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import { createTestTenant } from "@/test/factories";

async function emit(tenantId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await db.$transaction((tx) => emitWebhookEvent(tx, { tenantId, type: "tenant.updated", data: { n: i } }));
    ids.push(id);
  }
  return ids;
}

describe("outbox relay", () => {
  it("keeps events through an Inngest outage and publishes each exactly once afterwards", async () => {
    const { actor } = await createTestTenant();
    const ids = await emit(actor.tenantId, 3);

    const down = async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:8288");
    };
    expect(await relayOutbox({ send: down })).toEqual({ published: 0, failed: 3, error: "connect ECONNREFUSED 127.0.0.1:8288" });
    expect(await relayOutbox({ send: down })).toMatchObject({ failed: 3 });
    const kept = await db.webhookEvent.findMany({ where: { id: { in: ids } } });
    expect(kept).toHaveLength(3);
    for (const row of kept) {
      expect(row).toMatchObject({ publishedAt: null, publishAttempts: 2, lastPublishError: "connect ECONNREFUSED 127.0.0.1:8288" });
    }

    const sent: OutboxEventPayload[] = [];
    const up = async (events: OutboxEventPayload[]) => {
      sent.push(...events);
    };
    expect(await drainOutbox({ send: up, limit: 2 })).toMatchObject({ published: 3, error: null });
    expect(sent.map((e) => e.id)).toEqual(ids);
    expect(sent.map((e) => e.name)).toEqual(Array(3).fill("webhook/event.created"));
    expect(sent.map((e) => e.data)).toEqual(ids.map((eventId) => ({ eventId })));
    const published = await db.webhookEvent.findMany({ where: { id: { in: ids } } });
    expect(published.every((row) => row.publishedAt !== null && row.lastPublishError === null)).toBe(true);

    // A later pass has nothing left to send.
    expect(await relayOutbox({ send: up })).toEqual({ published: 0, failed: 0, error: null });
    expect(sent).toHaveLength(3);
  });

  it("does not send a row twice when two relays run at the same time", async () => {
    const { actor } = await createTestTenant();
    const ids = await emit(actor.tenantId, 6);
    const sent: string[] = [];
    const slowSend = async (events: OutboxEventPayload[]) => {
      await new Promise((r) => setTimeout(r, 150));
      sent.push(...events.map((e) => e.id!));
    };
    await Promise.all([relayOutbox({ send: slowSend, limit: 3 }), relayOutbox({ send: slowSend, limit: 3 })]);
    expect([...sent].sort()).toEqual([...ids].sort());
  });

  it("an event written in a rolled-back transaction never reaches the outbox", async () => {
    const { actor } = await createTestTenant();
    await db
      .$transaction(async (tx) => {
        await emitWebhookEvent(tx, { tenantId: actor.tenantId, type: "tenant.updated", data: {} });
        throw new Error("the change failed");
      })
      .catch(() => undefined);
    expect(await db.webhookEvent.count({ where: { tenantId: actor.tenantId } })).toBe(0);
  });
});
