import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { recordMilestone } from "@/server/onboarding/record-milestone";
import { newSid } from "@/server/shared/ids";
import { issueToken } from "@/server/shared/secret-token";
import { emitWebhookEvent } from "@/server/webhooks/emit-webhook-event";
import { assertRole, type Actor } from "@/server/tenancy";
import { API_KEY_ROLE, API_KEY_VIEW_SELECT, type ApiKeyView } from "@/server/api-keys/api-key-view";
import { ZCreateApiKeyInput, formatBearerToken, type TCreateApiKeyInput } from "@/server/api-keys/api-keys.schemas";
import { forgetApiKey } from "@/server/api-keys/authenticate-api-key";
import { assertCallerHoldsScopes } from "@/server/api-keys/assert-caller-holds-scopes";

export interface CreatedApiKey {
  apiKey: ApiKeyView;
  /** Shown exactly once; only its SHA-256 is stored. */
  secret: string;
  /** `irx_<keyId>_<secret>`, for `Authorization: Bearer`. */
  bearerToken: string;
}

export async function createApiKey(actor: Actor, rawInput: TCreateApiKeyInput): Promise<CreatedApiKey> {
  assertRole(actor, API_KEY_ROLE);
  const input = ZCreateApiKeyInput.parse(rawInput);
  const id = newSid("AK");
  // Stored like every other secret token of the platform: only its SHA-256 (shared/secret-token.ts).
  const { token: secret, tokenHash: secretHash } = issueToken();

  const apiKey = await db.$transaction(async (tx) => {
    await assertCallerHoldsScopes(tx, actor, input.scopes, "grant");
    const created = await tx.apiKey.create({
      data: {
        id,
        tenantId: actor.tenantId,
        name: input.name,
        scopes: input.scopes,
        secretHash,
        secretLast4: secret.slice(-4),
        createdById: actor.userId,
      },
      select: API_KEY_VIEW_SELECT,
    });
    await recordAudit(tx, actor, { action: "api_key.created", targetType: "api_key", targetId: id, after: { name: created.name, scopes: created.scopes } });
    await recordMilestone(tx, actor.tenantId, "api_key_created");
    await emitWebhookEvent(tx, { tenantId: actor.tenantId, type: "api_key.created", data: { id, name: created.name, scopes: created.scopes } });
    return created;
  });
  forgetApiKey(id);
  return { apiKey, secret, bearerToken: formatBearerToken(id, secret) };
}
