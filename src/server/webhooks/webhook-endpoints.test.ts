import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { createWebhookDeliveries } from "@/server/webhooks/create-webhook-deliveries";
import { createWebhookEndpoint } from "@/server/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/server/webhooks/delete-webhook-endpoint";
import { disableFailingEndpoint } from "@/server/webhooks/disable-failing-endpoint";
import { findWebhookDeliveries } from "@/server/webhooks/find-webhook-deliveries";
import { findWebhookEndpoints } from "@/server/webhooks/find-webhook-endpoints";
import { getWebhookDeliveryStats } from "@/server/webhooks/get-webhook-delivery-stats";
import { getWebhookEndpoint } from "@/server/webhooks/get-webhook-endpoint";
import { redeliverWebhook } from "@/server/webhooks/redeliver-webhook";
import { revealWebhookSecret } from "@/server/webhooks/reveal-webhook-secret";
import { rotateWebhookSecret } from "@/server/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/server/webhooks/send-test-webhook";
import { updateWebhookEndpoint } from "@/server/webhooks/update-webhook-endpoint";
import { verifyWebhookSignature } from "@/server/webhooks/verify-webhook-signature";
import { createTestTenant } from "@/test/factories";
import { startWebhookReceiver } from "@/test/webhook-receiver";

const URL_A = "http://127.0.0.1:9/a";

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  return p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
}

beforeEach(() => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
});
afterEach(() => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = [];
});

describe("webhook endpoints", () => {
  it("returns the secret once, stores it encrypted, reveals and rotates it, and audits each step", async () => {
    const { actor } = await createTestTenant();
    const { endpoint, secret } = await createWebhookEndpoint(actor, { url: URL_A, description: "CRM", eventTypes: ["call.completed", "call.completed"] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(endpoint).toMatchObject({ url: URL_A, description: "CRM", eventTypes: ["call.completed"], status: "ENABLED" });
    expect(endpoint).not.toHaveProperty("secretCiphertext");
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.secretCiphertext).not.toContain(secret);
    expect(row.secretCiphertext.startsWith("v1.")).toBe(true);

    expect((await revealWebhookSecret(actor, { id: endpoint.id })).secret).toBe(secret);
    const rotated = await rotateWebhookSecret(actor, { id: endpoint.id });
    expect(rotated.secret).not.toBe(secret);
    expect((await revealWebhookSecret(actor, { id: endpoint.id })).secret).toBe(rotated.secret);

    const audit = await db.auditLog.findMany({ where: { tenantId: actor.tenantId, targetId: endpoint.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "webhook_endpoint.created",
      "webhook_endpoint.secret_revealed",
      "webhook_endpoint.secret_rotated",
      "webhook_endpoint.secret_revealed",
    ]);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("collapses '*' with other types into '*'", async () => {
    const { actor } = await createTestTenant();
    const { endpoint } = await createWebhookEndpoint(actor, { url: URL_A, eventTypes: ["call.completed", "*"] });
    expect(endpoint.eventTypes).toEqual(["*"]);
  });

  it("pages endpoints newest first with a cursor", async () => {
    const { actor } = await createTestTenant();
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await createWebhookEndpoint(actor, { url: `${URL_A}${i}`, eventTypes: ["*"] })).endpoint.id);
    const first = await findWebhookEndpoints(actor, { limit: 2 });
    const second = await findWebhookEndpoints(actor, { limit: 2, cursor: first.nextCursor! });
    const third = await findWebhookEndpoints(actor, { limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((e) => e.id)).toEqual([...created].reverse());
    expect(third.nextCursor).toBeNull();
  });

  it("updates, disables and re-enables (clearing the failure run), then deletes", async () => {
    const { actor } = await createTestTenant();
    const { endpoint } = await createWebhookEndpoint(actor, { url: URL_A, eventTypes: ["*"] });
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: 4, failingSince: new Date() } });
    const disabled = await updateWebhookEndpoint(actor, { id: endpoint.id, enabled: false, description: "paused" });
    expect(disabled).toMatchObject({ status: "DISABLED", disabledReason: "Disabled by a user", description: "paused" });
    const enabled = await updateWebhookEndpoint(actor, { id: endpoint.id, enabled: true, eventTypes: ["member.joined"] });
    expect(enabled).toMatchObject({ status: "ENABLED", disabledReason: null, consecutiveFailures: 0, failingSince: null, eventTypes: ["member.joined"] });
    expect(await codeOf(updateWebhookEndpoint(actor, { id: endpoint.id, url: "https://10.0.0.1/x" }))).toBe("VALIDATION_FAILED");
    await deleteWebhookEndpoint(actor, { id: endpoint.id });
    expect(await codeOf(getWebhookEndpoint(actor, { id: endpoint.id }))).toBe("NOT_FOUND");
    const actions = (await db.auditLog.findMany({ where: { targetId: endpoint.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["webhook_endpoint.created", "webhook_endpoint.updated", "webhook_endpoint.updated", "webhook_endpoint.deleted"]);
  });

  it("treats another tenant's endpoint and delivery as not found", async () => {
    const owner = await createTestTenant();
    const stranger = await createTestTenant();
    const { endpoint } = await createWebhookEndpoint(owner.actor, { url: URL_A, eventTypes: ["*"] });
    const { eventId } = await sendTestWebhook(owner.actor, { id: endpoint.id });
    const { deliveryIds } = await createWebhookDeliveries(eventId);
    const s = stranger.actor;
    expect(await codeOf(getWebhookEndpoint(s, { id: endpoint.id }))).toBe("NOT_FOUND");
    expect(await codeOf(updateWebhookEndpoint(s, { id: endpoint.id, description: "x" }))).toBe("NOT_FOUND");
    expect(await codeOf(deleteWebhookEndpoint(s, { id: endpoint.id }))).toBe("NOT_FOUND");
    expect(await codeOf(revealWebhookSecret(s, { id: endpoint.id }))).toBe("NOT_FOUND");
    expect(await codeOf(rotateWebhookSecret(s, { id: endpoint.id }))).toBe("NOT_FOUND");
    expect(await codeOf(sendTestWebhook(s, { id: endpoint.id }))).toBe("NOT_FOUND");
    expect(await codeOf(findWebhookDeliveries(s, { endpointId: endpoint.id }))).toBe("NOT_FOUND");
    expect(await codeOf(redeliverWebhook(s, { deliveryId: deliveryIds[0]! }))).toBe("NOT_FOUND");
    expect((await findWebhookEndpoints(s)).items).toEqual([]);
  });

  it("refuses members below ADMIN other than DEVELOPER", async () => {
    const { actor } = await createTestTenant({ role: "AGENT" });
    expect(await codeOf(createWebhookEndpoint(actor, { url: URL_A, eventTypes: ["*"] }))).toBe("FORBIDDEN");
    const dev = await createTestTenant({ role: "DEVELOPER" });
    expect(await codeOf(createWebhookEndpoint(dev.actor, { url: URL_A, eventTypes: ["*"] }))).toBeNull();
  });

  it("redelivers now with the same event id, records a manual attempt, and shows it in the log and stats", async () => {
    const receiver = await startWebhookReceiver((_req, i) => (i === 0 ? { status: 500 } : { status: 200, body: "thanks" }));
    try {
      const { actor } = await createTestTenant();
      const { endpoint, secret } = await createWebhookEndpoint(actor, { url: receiver.url(), eventTypes: ["*"] });
      const { eventId } = await sendTestWebhook(actor, { id: endpoint.id });
      const [deliveryId] = (await createWebhookDeliveries(eventId)).deliveryIds;
      const first = await redeliverWebhook(actor, { deliveryId: deliveryId! });
      expect(first).toMatchObject({ outcome: "failed", statusCode: 500 });
      const second = await redeliverWebhook(actor, { deliveryId: deliveryId! });
      expect(second).toMatchObject({ outcome: "succeeded", statusCode: 200, attempt: 2 });
      expect(receiver.received.map((r) => r.headers["irisx-event-id"])).toEqual([eventId, eventId]);
      expect(verifyWebhookSignature({ payload: receiver.received[1]!.body, header: receiver.received[1]!.headers["irisx-signature"] as string, secret }).ok).toBe(true);

      const log = await findWebhookDeliveries(actor, { endpointId: endpoint.id });
      expect(log.items).toHaveLength(1);
      expect(log.items[0]).toMatchObject({ eventId, eventType: "webhook.test", status: "SUCCEEDED", attemptCount: 2, lastStatusCode: 200 });
      expect(log.items[0]!.attempts.map((a) => [a.manual, a.statusCode, a.responseBody])).toEqual([
        [true, 500, ""],
        [true, 200, "thanks"],
      ]);
      // A manual failure does not count towards auto-disable.
      expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures).toBe(0);

      const stats = await getWebhookDeliveryStats(actor, { endpointId: endpoint.id });
      expect(stats).toHaveLength(24);
      expect(stats.reduce((sum, h) => sum + h.succeeded, 0)).toBe(1);
      expect(stats.reduce((sum, h) => sum + h.failed, 0)).toBe(1);
      expect(stats[23]).toMatchObject({ succeeded: 1, failed: 1 });
    } finally {
      await receiver.close();
    }
  });

  it("a failed redelivery leaves a finished delivery finished and keeps a running schedule's next attempt time", async () => {
    const receiver = await startWebhookReceiver(() => ({ status: 500 }));
    try {
      const { actor } = await createTestTenant();
      const { endpoint } = await createWebhookEndpoint(actor, { url: receiver.url(), eventTypes: ["*"] });
      const { eventId } = await sendTestWebhook(actor, { id: endpoint.id });
      const [deliveryId] = (await createWebhookDeliveries(eventId)).deliveryIds;

      // Nothing would ever retry a RETRYING row whose automatic run has ended.
      await db.webhookDelivery.update({ where: { id: deliveryId! }, data: { status: "SUCCEEDED", succeededAt: new Date() } });
      expect(await redeliverWebhook(actor, { deliveryId: deliveryId! })).toMatchObject({ outcome: "failed" });
      expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId! } })).toMatchObject({ status: "SUCCEEDED", nextAttemptAt: null, lastStatusCode: 500 });

      const nextAttemptAt = new Date(Date.now() + 30 * 60_000);
      await db.webhookDelivery.update({ where: { id: deliveryId! }, data: { status: "RETRYING", succeededAt: null, nextAttemptAt } });
      expect(await redeliverWebhook(actor, { deliveryId: deliveryId! })).toMatchObject({ outcome: "failed" });
      expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId! } })).toMatchObject({ status: "RETRYING", nextAttemptAt });
    } finally {
      await receiver.close();
    }
  });
});

describe("disableFailingEndpoint", () => {
  async function failingEndpoint(failingForMs: number, failures: number) {
    const { actor, user } = await createTestTenant();
    const { endpoint } = await createWebhookEndpoint(actor, { url: URL_A, eventTypes: ["*"] });
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: new Date(Date.now() - failingForMs), consecutiveFailures: failures } });
    return { actor, user, endpoint };
  }
  const DAY = 24 * 3_600_000;

  it("disables after ≥ 24 h and ≥ 10 consecutive failures, audits as the system and e-mails the owners", async () => {
    const { actor, user, endpoint } = await failingEndpoint(DAY + 60_000, 10);
    expect(await disableFailingEndpoint(endpoint.id)).toEqual({ disabled: true });
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.status).toBe("DISABLED");
    expect(row.disabledReason).toContain("failed for more than 24 hours");
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: actor.tenantId, action: "webhook_endpoint.auto_disabled" } });
    expect(audit).toMatchObject({ targetId: endpoint.id, actorUserId: null, actorApiKeyId: null });
    const mails = await db.emailMessage.findMany({ where: { to: user.email } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(URL_A);
    expect(mails[0]!.text).toContain(`/settings/webhooks/${endpoint.id}`);

    // A second check neither disables again nor sends a second e-mail.
    expect(await disableFailingEndpoint(endpoint.id)).toEqual({ disabled: false });
    expect(await db.emailMessage.count({ where: { to: user.email } })).toBe(1);
  });

  it("leaves endpoints alone below either threshold", async () => {
    const recent = await failingEndpoint(DAY - 60_000, 50);
    expect(await disableFailingEndpoint(recent.endpoint.id)).toEqual({ disabled: false });
    const few = await failingEndpoint(3 * DAY, 9);
    expect(await disableFailingEndpoint(few.endpoint.id)).toEqual({ disabled: false });
    expect(await disableFailingEndpoint(few.endpoint.id, { minConsecutiveFailures: 5 })).toEqual({ disabled: true });
  });
});
