import type { WebhookEndpoint } from "@/generated/prisma/client";
import { db, type DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { toWebhookEndpointView, WEBHOOK_ROLE, type WebhookEndpointView } from "@/server/webhooks/webhook-endpoint-view";
import { ZWebhookEndpointIdInput, type TWebhookEndpointIdInput } from "@/server/webhooks/webhooks.schemas";

/** The endpoint row of the actor's tenant; another tenant's id is NOT_FOUND, exactly like a missing one. */
export async function loadTenantWebhookEndpoint(client: DbOrTx, tenantId: string, id: string): Promise<WebhookEndpoint> {
  const row = await client.webhookEndpoint.findFirst({ where: { id, tenantId } });
  if (!row) throw notFound("webhook endpoint");
  return row;
}

export async function getWebhookEndpoint(actor: Actor, input: TWebhookEndpointIdInput): Promise<WebhookEndpointView> {
  assertRole(actor, WEBHOOK_ROLE);
  const { id } = ZWebhookEndpointIdInput.parse(input);
  return toWebhookEndpointView(await loadTenantWebhookEndpoint(db, actor.tenantId, id));
}
