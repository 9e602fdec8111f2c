import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import { loadTenantWebhookEndpoint } from "@/server/webhooks/get-webhook-endpoint";
import { WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";
import { ZWebhookEndpointIdInput, type TWebhookEndpointIdInput } from "@/server/webhooks/webhooks.schemas";

/**
 * Queues a `webhook.test` event addressed to one endpoint. It goes through the outbox and the normal delivery
 * path (signing, retries, delivery log), so a passing test proves the whole chain.
 */
export async function sendTestWebhook(actor: Actor, input: TWebhookEndpointIdInput): Promise<{ eventId: string }> {
  assertRole(actor, WEBHOOK_ROLE);
  const { id } = ZWebhookEndpointIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const endpoint = await loadTenantWebhookEndpoint(tx, actor.tenantId, id);
    if (endpoint.status !== "ENABLED") throw new AppError("CONFLICT", "enable the endpoint before sending it a test event");
    const event = await emitWebhookEvent(tx, {
      tenantId: actor.tenantId,
      type: "webhook.test",
      data: { endpoint_id: endpoint.id, message: "This is a test event from IRISX." },
    });
    await recordAudit(tx, actor, { action: "webhook_endpoint.test_sent", targetType: "webhook_endpoint", targetId: endpoint.id, after: { eventId: event.id } });
    return { eventId: event.id };
  });
}
