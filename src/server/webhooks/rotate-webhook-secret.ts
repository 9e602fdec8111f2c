import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { sealSecret } from "@/server/crypto/secret-box";
import { assertRole, type Actor } from "@/server/tenancy";
import { newWebhookSecret } from "@/server/webhooks/create-webhook-endpoint";
import { loadTenantWebhookEndpoint } from "@/server/webhooks/get-webhook-endpoint";
import { WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";
import { ZWebhookEndpointIdInput, type TWebhookEndpointIdInput } from "@/server/webhooks/webhooks.schemas";

/** Replaces the signing secret; attempts from now on are signed with the new one, which is returned once. */
export async function rotateWebhookSecret(actor: Actor, input: TWebhookEndpointIdInput): Promise<{ id: string; secret: string }> {
  assertRole(actor, WEBHOOK_ROLE);
  const { id } = ZWebhookEndpointIdInput.parse(input);
  const secret = newWebhookSecret();
  await db.$transaction(async (tx) => {
    await loadTenantWebhookEndpoint(tx, actor.tenantId, id);
    await tx.webhookEndpoint.update({ where: { id }, data: { secretCiphertext: sealSecret(secret) } });
    // The audit names the event, never the secret.
    await recordAudit(tx, actor, { action: "webhook_endpoint.secret_rotated", targetType: "webhook_endpoint", targetId: id });
  });
  return { id, secret };
}
