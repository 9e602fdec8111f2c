// One signed delivery attempt of an event to an endpoint, and its bookkeeping: a WebhookAttempt row, the
// delivery's status, and the endpoint's failure run (reset by any success). Called once per retry by the
// Inngest function and directly by manual redelivery.
import { observeWebhookDelivery } from "@/server/metrics/registry";
import type { WebhookDeliveryStatus } from "@/generated/prisma/enums";
import { openSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { postWebhookRequest } from "@/server/webhooks/post-webhook-request";
import { signWebhookPayload } from "@/server/webhooks/sign-webhook-payload";
import type { HostResolver } from "@/server/webhooks/ssrf-guard";

const WEBHOOK_USER_AGENT = "IRISX-Webhooks/1.0";
const STORED_RESPONSE_CHARS = 2048;
const STORED_ERROR_CHARS = 1000;

export interface DeliverWebhookAttemptOptions {
  /** A person asked for this attempt (redeliver); it does not count towards auto-disable. */
  manual?: boolean;
  /** When the next automatic attempt will run if this one fails; shown in the delivery log. */
  nextAttemptAt?: Date | null;
  resolve?: HostResolver;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
}

export type DeliverWebhookAttemptResult =
  | { outcome: "succeeded" | "failed"; endpointId: string; attempt: number; statusCode: number | null; error: string | null; durationMs: number }
  | { outcome: "skipped"; reason: "delivery_missing" | "endpoint_disabled" | "already_finished" };

/** The JSON receivers get. `id` is the event id: stable across retries and redeliveries, for de-duplication. */
function webhookBody(event: { id: string; type: string; createdAt: Date; tenantId: string; payload: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, created_at: event.createdAt.toISOString(), tenant_id: event.tenantId, data: event.payload });
}

export async function deliverWebhookAttempt(deliveryId: string, opts: DeliverWebhookAttemptOptions = {}): Promise<DeliverWebhookAttemptResult> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { event: true, endpoint: true } });
  if (!delivery) return { outcome: "skipped", reason: "delivery_missing" };
  if (!opts.manual && delivery.endpoint.status === "DISABLED") return { outcome: "skipped", reason: "endpoint_disabled" };
  // A step re-run after its result was recorded, or a second run of a finished delivery, must not deliver again.
  if (!opts.manual && (delivery.status === "SUCCEEDED" || delivery.status === "FAILED")) return { outcome: "skipped", reason: "already_finished" };

  const body = webhookBody(delivery.event);
  const startedAt = new Date();
  const signature = signWebhookPayload(openSecret(delivery.endpoint.secretCiphertext), body, Math.floor(startedAt.getTime() / 1000));
  const response = await postWebhookRequest({
    url: delivery.endpoint.url,
    body,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": WEBHOOK_USER_AGENT,
      "IRISX-Signature": signature,
      "IRISX-Event-Id": delivery.event.id,
      "IRISX-Event-Type": delivery.event.type,
      "IRISX-Delivery-Id": delivery.id,
    },
    resolve: opts.resolve,
    connectTimeoutMs: opts.connectTimeoutMs,
    totalTimeoutMs: opts.totalTimeoutMs,
  });
  const durationMs = Date.now() - startedAt.getTime();
  const succeeded = response.error === null && response.statusCode !== null && response.statusCode >= 200 && response.statusCode < 300;
  const error = succeeded
    ? null
    : (response.error ?? `HTTP ${response.statusCode ?? "?"} (a 2xx status means delivered)`).slice(0, STORED_ERROR_CHARS);

  observeWebhookDelivery({ outcome: succeeded ? "delivered" : "failed", statusCode: response.statusCode, durationMs });

  const attempt = await db.$transaction(async (tx) => {
    // A manual attempt on a finished delivery leaves it finished (nothing would retry a RETRYING row), and one
    // made while the automatic run is between attempts keeps that run's next attempt time.
    const finished = delivery.status === "SUCCEEDED" || delivery.status === "FAILED";
    const failedStatus: WebhookDeliveryStatus = opts.manual && finished ? delivery.status : "RETRYING";
    const updated = await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        attemptCount: { increment: 1 },
        lastAttemptAt: startedAt,
        lastStatusCode: response.statusCode,
        lastError: error,
        status: succeeded ? "SUCCEEDED" : failedStatus,
        succeededAt: succeeded ? new Date() : delivery.succeededAt,
        nextAttemptAt: succeeded ? null : opts.manual ? delivery.nextAttemptAt : (opts.nextAttemptAt ?? null),
      },
    });
    await tx.webhookAttempt.create({
      data: {
        id: newId("wa"),
        tenantId: delivery.tenantId,
        deliveryId: delivery.id,
        attempt: updated.attemptCount,
        manual: opts.manual ?? false,
        startedAt,
        durationMs,
        statusCode: response.statusCode,
        error,
        responseBody: response.responseBody?.slice(0, STORED_RESPONSE_CHARS) ?? null,
      },
    });
    if (succeeded) {
      await tx.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { failingSince: null, consecutiveFailures: 0 } });
    } else if (!opts.manual) {
      await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, failingSince: null }, data: { failingSince: startedAt } });
      await tx.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { consecutiveFailures: { increment: 1 } } });
    }
    return updated.attemptCount;
  });

  return { outcome: succeeded ? "succeeded" : "failed", endpointId: delivery.endpointId, attempt, statusCode: response.statusCode, error, durationMs };
}
