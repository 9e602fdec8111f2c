import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantWebhookEndpoint } from "@/server/webhooks/get-webhook-endpoint";
import { toWebhookEndpointView, WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";
import { ZWebhookEndpointIdInput, type TWebhookEndpointIdInput } from "@/server/webhooks/webhooks.schemas";

/** Deletes the endpoint and its delivery log (cascade). Deliveries in flight stop at their next attempt. */
export async function deleteWebhookEndpoint(actor: Actor, input: TWebhookEndpointIdInput): Promise<{ id: string }> {
  assertRole(actor, WEBHOOK_ROLE);
  const { id } = ZWebhookEndpointIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = toWebhookEndpointView(await loadTenantWebhookEndpoint(tx, actor.tenantId, id));
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "webhook_endpoint.deleted", targetType: "webhook_endpoint", targetId: id, before });
    return { id };
  });
}
