import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import { API_KEY_ROLE, API_KEY_VIEW_SELECT, type ApiKeyView } from "@/server/api-keys/api-key-view";
import { forgetApiKey } from "@/server/api-keys/authenticate-api-key";
import { assertCallerHoldsScopes } from "@/server/api-keys/assert-caller-holds-scopes";

/** Revokes a key at once in this process (other processes within the auth cache's few seconds). Revoking twice is a no-op. */
export async function revokeApiKey(actor: Actor, id: string): Promise<ApiKeyView> {
  assertRole(actor, API_KEY_ROLE);
  const revoked = await db.$transaction(async (tx) => {
    const before = await tx.apiKey.findFirst({ where: { id, tenantId: actor.tenantId }, select: API_KEY_VIEW_SELECT });
    if (!before) throw notFound("API key");
    await assertCallerHoldsScopes(tx, actor, before.scopes, "revoke");
    if (before.revokedAt) return before;
    const after = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select: API_KEY_VIEW_SELECT });
    await recordAudit(tx, actor, {
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: id,
      before: { name: before.name, revokedAt: null },
      after: { name: after.name, revokedAt: after.revokedAt },
    });
    await emitWebhookEvent(tx, { tenantId: actor.tenantId, type: "api_key.revoked", data: { id, name: after.name, revoked_at: after.revokedAt } });
    return after;
  });
  forgetApiKey(id);
  return revoked;
}
