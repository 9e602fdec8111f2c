import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantWebhookEndpoint } from "@/server/webhooks/get-webhook-endpoint";
import { assertWebhookUrlAllowed, type HostResolver } from "@/server/webhooks/ssrf-guard";
import { toWebhookEndpointView, WEBHOOK_ROLE, type WebhookEndpointView } from "@/server/webhooks/webhook-endpoint-view";
import { ZUpdateWebhookEndpointInput, type TUpdateWebhookEndpointInput } from "@/server/webhooks/webhooks.schemas";

/**
 * Changes url, description, event types, or enables/disables. Re-enabling clears the failure run so the
 * auto-disable clock starts afresh.
 */
export async function updateWebhookEndpoint(
  actor: Actor,
  input: TUpdateWebhookEndpointInput,
  opts: { resolve?: HostResolver } = {},
): Promise<WebhookEndpointView> {
  assertRole(actor, WEBHOOK_ROLE);
  const parsed = ZUpdateWebhookEndpointInput.parse(input);
  const url = parsed.url === undefined ? undefined : (await assertWebhookUrlAllowed(parsed.url, opts.resolve)).toString();
  return db.$transaction(async (tx) => {
    const before = toWebhookEndpointView(await loadTenantWebhookEndpoint(tx, actor.tenantId, parsed.id));
    const statusChange =
      parsed.enabled === undefined || (parsed.enabled ? "ENABLED" : "DISABLED") === before.status
        ? {}
        : parsed.enabled
          ? { status: "ENABLED" as const, disabledReason: null, disabledAt: null, failingSince: null, consecutiveFailures: 0 }
          : { status: "DISABLED" as const, disabledReason: "Disabled by a user", disabledAt: new Date() };
    const row = await tx.webhookEndpoint.update({
      where: { id: parsed.id },
      data: {
        ...(url !== undefined ? { url } : {}),
        ...(parsed.description !== undefined ? { description: parsed.description } : {}),
        ...(parsed.eventTypes !== undefined ? { eventTypes: parsed.eventTypes } : {}),
        ...statusChange,
      },
    });
    const after = toWebhookEndpointView(row);
    await recordAudit(tx, actor, { action: "webhook_endpoint.updated", targetType: "webhook_endpoint", targetId: row.id, before, after });
    return after;
  });
}
