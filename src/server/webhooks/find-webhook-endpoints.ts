import { db } from "@/server/db";
import { toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { toWebhookEndpointView, WEBHOOK_ROLE, type WebhookEndpointView } from "@/server/webhooks/webhook-endpoint-view";
import { ZFindWebhookEndpointsInput, type TFindWebhookEndpointsInput } from "@/server/webhooks/webhooks.schemas";

/** Newest first. Ids are ULIDs, so the cursor (the last id of a page) orders like createdAt. */
export async function findWebhookEndpoints(
  actor: Actor,
  input: TFindWebhookEndpointsInput = {},
): Promise<Page<WebhookEndpointView>> {
  assertRole(actor, WEBHOOK_ROLE);
  const { cursor, limit } = ZFindWebhookEndpointsInput.parse(input);
  const rows = await db.webhookEndpoint.findMany({
    where: { tenantId: actor.tenantId, ...(cursor ? { id: { lt: cursor } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = toPage(rows, limit);
  return { ...page, items: page.items.map(toWebhookEndpointView) };
}
