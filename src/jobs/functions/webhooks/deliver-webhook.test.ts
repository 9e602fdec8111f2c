// The delivery function run in-process with @inngest/test against local receivers. Sleeps between attempts
// are mocked (they are Inngest's to wait, not ours), every attempt is real HTTP.
import { InngestTestEngine } from "@inngest/test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/env";
import { createDeliverWebhookFunction } from "@/jobs/functions/webhooks/deliver-webhook";
import { db } from "@/server/db";
import { createWebhookDeliveries } from "@/server/webhooks/create-webhook-deliveries";
import { createWebhookEndpoint } from "@/server/webhooks/create-webhook-endpoint";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import { WEBHOOK_MAX_ATTEMPTS } from "@/server/webhooks/retry-schedule";
import { verifyWebhookSignature } from "@/server/webhooks/verify-webhook-signature";
import { createTestTenant } from "@/test/factories";
import { startWebhookReceiver, type ReceiverReply } from "@/test/webhook-receiver";

// A fresh array per run: the test engine records step results into the array it is given.
const sleeps = () => Array.from({ length: WEBHOOK_MAX_ATTEMPTS }, (_, i) => ({ id: `wait-before-attempt-${i + 1}`, handler: () => undefined }));

async function setUp(reply: (index: number) => ReceiverReply) {
  const receiver = await startWebhookReceiver((_req, index) => reply(index));
  const { actor } = await createTestTenant();
  const { endpoint, secret } = await createWebhookEndpoint(actor, { url: receiver.url(), eventTypes: ["api_key.created"] });
  const event = await db.$transaction((tx) => emitWebhookEvent(tx, { tenantId: actor.tenantId, type: "api_key.created", data: { api_key_id: "ak_1" } }));
  const { deliveryIds } = await createWebhookDeliveries(event.id);
  expect(deliveryIds).toHaveLength(1);
  return { receiver, actor, endpoint, secret, eventId: event.id, deliveryId: deliveryIds[0]! };
}

function run(fn: ReturnType<typeof createDeliverWebhookFunction>, deliveryId: string, firstAttempt?: number) {
  const t = new InngestTestEngine({ function: fn });
  const data = firstAttempt === undefined ? { deliveryId } : { deliveryId, firstAttempt };
  return t.execute({ events: [{ name: "webhook/delivery.requested", data }], steps: sleeps() });
}

beforeEach(() => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
});
afterEach(() => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = [];
});

describe("deliver-webhook", () => {
  it("retries after a 500 and succeeds, with the same event id and a valid signature each time", async () => {
    const s = await setUp((i) => (i === 0 ? { status: 500, body: "boom" } : { status: 204 }));
    try {
      const { result } = await run(createDeliverWebhookFunction(), s.deliveryId);
      expect(result).toEqual({ deliveryId: s.deliveryId, outcome: "succeeded", attempts: 2 });

      expect(s.receiver.received).toHaveLength(2);
      for (const req of s.receiver.received) {
        expect(req.headers["irisx-event-id"]).toBe(s.eventId);
        expect(req.headers["irisx-event-type"]).toBe("api_key.created");
        expect(req.headers["irisx-delivery-id"]).toBe(s.deliveryId);
        expect(req.headers["content-type"]).toBe("application/json");
        expect(req.headers["user-agent"]).toBe("IRISX-Webhooks/1.0");
        expect(verifyWebhookSignature({ payload: req.body, header: req.headers["irisx-signature"] as string, secret: s.secret }).ok).toBe(true);
        expect(JSON.parse(req.body)).toEqual({
          id: s.eventId,
          type: "api_key.created",
          created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          tenant_id: s.actor.tenantId,
          data: { api_key_id: "ak_1" },
        });
      }

      const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: s.deliveryId }, include: { attempts: { orderBy: { attempt: "asc" } } } });
      expect(delivery).toMatchObject({ status: "SUCCEEDED", attemptCount: 2, lastStatusCode: 204, lastError: null });
      expect(delivery.attempts.map((a) => [a.attempt, a.statusCode, a.responseBody])).toEqual([
        [1, 500, "boom"],
        [2, 204, ""],
      ]);
      const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: s.endpoint.id } });
      expect(endpoint).toMatchObject({ consecutiveFailures: 0, failingSince: null, status: "ENABLED" });
    } finally {
      await s.receiver.close();
    }
  });

  it("retries after a timeout (a receiver that never answers)", async () => {
    const s = await setUp((i) => (i === 0 ? "hang" : { status: 200, body: "ok" }));
    try {
      const { result } = await run(createDeliverWebhookFunction({ totalTimeoutMs: 300 }), s.deliveryId);
      expect(result).toMatchObject({ outcome: "succeeded", attempts: 2 });
      const attempts = await db.webhookAttempt.findMany({ where: { deliveryId: s.deliveryId }, orderBy: { attempt: "asc" } });
      expect(attempts[0]).toMatchObject({ statusCode: null, error: "timed out after 300 ms" });
      expect(attempts[0]!.durationMs).toBeGreaterThanOrEqual(250);
      expect(attempts[1]).toMatchObject({ statusCode: 200, error: null });
    } finally {
      await s.receiver.close();
    }
  });

  it("gives up after the whole schedule and marks the delivery FAILED", async () => {
    const s = await setUp(() => ({ status: 503 }));
    try {
      const { result } = await run(createDeliverWebhookFunction(), s.deliveryId);
      expect(result).toEqual({ deliveryId: s.deliveryId, outcome: "failed" });
      expect(s.receiver.received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
      const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: s.deliveryId } });
      expect(delivery).toMatchObject({ status: "FAILED", attemptCount: WEBHOOK_MAX_ATTEMPTS, lastStatusCode: 503, nextAttemptAt: null });
      const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: s.endpoint.id } });
      expect(endpoint.consecutiveFailures).toBe(WEBHOOK_MAX_ATTEMPTS);
      expect(endpoint.failingSince).not.toBeNull();
      // 8 failures within minutes: neither threshold of auto-disable is met.
      expect(endpoint.status).toBe("ENABLED");
    } finally {
      await s.receiver.close();
    }
  });

  it("stops retrying and e-mails the owner once the endpoint has failed for over 24 h and 10 attempts", async () => {
    const s = await setUp(() => ({ status: 500 }));
    try {
      await db.webhookEndpoint.update({
        where: { id: s.endpoint.id },
        data: { failingSince: new Date(Date.now() - 25 * 3_600_000), consecutiveFailures: 9 },
      });
      const { result } = await run(createDeliverWebhookFunction(), s.deliveryId);
      expect(result).toEqual({ deliveryId: s.deliveryId, outcome: "failed" });
      expect(s.receiver.received).toHaveLength(1);
      const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: s.endpoint.id } });
      expect(endpoint.status).toBe("DISABLED");
      const owner = await db.user.findUniqueOrThrow({ where: { id: s.actor.userId! } });
      expect(await db.emailMessage.count({ where: { to: owner.email } })).toBe(1);
    } finally {
      await s.receiver.close();
    }
  });

  it("does nothing for a disabled endpoint", async () => {
    const s = await setUp(() => ({ status: 200 }));
    try {
      await db.webhookEndpoint.update({ where: { id: s.endpoint.id }, data: { status: "DISABLED" } });
      const { result } = await run(createDeliverWebhookFunction(), s.deliveryId);
      expect(result).toMatchObject({ outcome: "skipped", reason: "endpoint_disabled" });
      expect(s.receiver.received).toHaveLength(0);
      // Nothing will retry it, so it is not left RETRYING; a person can still redeliver it.
      expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: s.deliveryId } })).toMatchObject({ status: "FAILED", nextAttemptAt: null });
    } finally {
      await s.receiver.close();
    }
  });

  it("a run resumed by the sweeper makes only the attempts left in the schedule, the first at once", async () => {
    const s = await setUp(() => ({ status: 503 }));
    try {
      const { result, ctx } = await run(createDeliverWebhookFunction(), s.deliveryId, WEBHOOK_MAX_ATTEMPTS - 1);
      expect(result).toEqual({ deliveryId: s.deliveryId, outcome: "failed" });
      expect(s.receiver.received).toHaveLength(2);
      expect(ctx.step.sleep).toHaveBeenCalledTimes(1);
      expect(ctx.step.sleep).toHaveBeenCalledWith(`wait-before-attempt-${WEBHOOK_MAX_ATTEMPTS}`, expect.any(Number));
      expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: s.deliveryId } })).toMatchObject({ status: "FAILED", attemptCount: 2 });
    } finally {
      await s.receiver.close();
    }
  });

  it("a second run of a finished delivery (a late duplicate request) sends nothing", async () => {
    const s = await setUp(() => ({ status: 503 }));
    try {
      await run(createDeliverWebhookFunction(), s.deliveryId);
      expect(s.receiver.received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
      const { result } = await run(createDeliverWebhookFunction(), s.deliveryId);
      expect(result).toMatchObject({ outcome: "skipped", reason: "already_finished" });
      expect(s.receiver.received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    } finally {
      await s.receiver.close();
    }
  });
});
