import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { openSecret } from "@/server/crypto/secret-box";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantWebhookEndpoint } from "@/server/webhooks/get-webhook-endpoint";
import { WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";
import { ZWebhookEndpointIdInput, type TWebhookEndpointIdInput } from "@/server/webhooks/webhooks.schemas";

/** Shows the current signing secret. Audited, because whoever reads it can forge our signatures. */
export async function revealWebhookSecret(actor: Actor, input: TWebhookEndpointIdInput): Promise<{ id: string; secret: string }> {
  assertRole(actor, WEBHOOK_ROLE);
  const { id } = ZWebhookEndpointIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const row = await loadTenantWebhookEndpoint(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: "webhook_endpoint.secret_revealed", targetType: "webhook_endpoint", targetId: id });
    return { id, secret: openSecret(row.secretCiphertext) };
  });
}
