import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { deliverWebhookAttempt, type DeliverWebhookAttemptOptions } from "@/server/webhooks/deliver-webhook-attempt";
import { WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";
import { ZRedeliverWebhookInput, type TRedeliverWebhookInput } from "@/server/webhooks/webhooks.schemas";

/**
 * Sends a delivery again, now, and returns the outcome (like Stripe's "Resend"). Same event id, same delivery
 * id, a fresh signature. Works for disabled endpoints too, so a receiver can be checked before re-enabling it.
 */
export async function redeliverWebhook(
  actor: Actor,
  input: TRedeliverWebhookInput,
  opts: Pick<DeliverWebhookAttemptOptions, "resolve" | "connectTimeoutMs" | "totalTimeoutMs"> = {},
) {
  assertRole(actor, WEBHOOK_ROLE);
  const { deliveryId } = ZRedeliverWebhookInput.parse(input);
  const delivery = await db.webhookDelivery.findFirst({ where: { id: deliveryId, tenantId: actor.tenantId }, select: { id: true, endpointId: true, eventId: true } });
  if (!delivery) throw notFound("webhook delivery");
  await recordAudit(db, actor, {
    action: "webhook_delivery.redelivered",
    targetType: "webhook_delivery",
    targetId: delivery.id,
    after: { endpointId: delivery.endpointId, eventId: delivery.eventId },
  });
  const result = await deliverWebhookAttempt(delivery.id, { ...opts, manual: true });
  if (result.outcome === "skipped") throw notFound("webhook delivery");
  return result;
}
