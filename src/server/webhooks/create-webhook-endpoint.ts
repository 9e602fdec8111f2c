import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { sealSecret } from "@/server/crypto/secret-box";
import { newId, randomToken } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { assertWebhookUrlAllowed, type HostResolver } from "@/server/webhooks/ssrf-guard";
import { toWebhookEndpointView, WEBHOOK_ROLE, type WebhookEndpointView } from "@/server/webhooks/webhook-endpoint-view";
import { ZCreateWebhookEndpointInput, type TCreateWebhookEndpointInput } from "@/server/webhooks/webhooks.schemas";

export function newWebhookSecret(): string {
  return `whsec_${randomToken(24)}`;
}

/** Registers an endpoint. The signing secret is returned here once; later it can be revealed or rotated. */
export async function createWebhookEndpoint(
  actor: Actor,
  input: TCreateWebhookEndpointInput,
  opts: { resolve?: HostResolver } = {},
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  assertRole(actor, WEBHOOK_ROLE);
  const parsed = ZCreateWebhookEndpointInput.parse(input);
  const url = await assertWebhookUrlAllowed(parsed.url, opts.resolve);
  const secret = newWebhookSecret();
  const endpoint = await db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: {
        id: newId("we"),
        tenantId: actor.tenantId,
        url: url.toString(),
        description: parsed.description,
        eventTypes: parsed.eventTypes,
        secretCiphertext: sealSecret(secret),
      },
    });
    const view = toWebhookEndpointView(row);
    await recordAudit(tx, actor, { action: "webhook_endpoint.created", targetType: "webhook_endpoint", targetId: row.id, after: view });
    return view;
  });
  return { endpoint, secret };
}
