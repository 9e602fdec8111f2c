import { recordAudit } from "@/server/audit/record-audit";
import { sealSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { MESSAGING_CREDENTIAL_ROLE, ZSetMessagingCredentialInput, type TSetMessagingCredentialInput } from "@/server/messages/messages.schemas";
import { forgetTenantMessagingCredentials } from "@/server/messages/providers/resolve-messaging-provider";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * Stores the tenant's own Twilio or Telnyx account for messaging, the secret sealed like speech keys; write-only
 * (the last four characters are shown). Its messages then go through that account, and its webhooks verify with it.
 */
export async function setMessagingCredential(actor: Actor, rawInput: TSetMessagingCredentialInput): Promise<{ provider: string; hint: string }> {
  assertRole(actor, MESSAGING_CREDENTIAL_ROLE);
  const input = ZSetMessagingCredentialInput.parse(rawInput);
  const secret = input.provider === "twilio" ? input.authToken : input.apiKey;
  const row = {
    accountId: input.provider === "twilio" ? input.accountSid : null,
    secretCipher: sealSecret(secret),
    publicKey: input.provider === "telnyx" ? input.publicKey : null,
    hint: secret.slice(-4),
  };
  const where = { tenantId_provider: { tenantId: actor.tenantId, provider: input.provider } };
  const result = await db.$transaction(async (tx) => {
    const before = await tx.tenantMessagingCredential.findUnique({ where, select: { hint: true, accountId: true } });
    await tx.tenantMessagingCredential.upsert({ where, create: { tenantId: actor.tenantId, provider: input.provider, ...row }, update: row });
    await recordAudit(tx, actor, {
      action: before ? "messaging.credential_replaced" : "messaging.credential_added",
      targetType: "messaging_provider",
      targetId: input.provider,
      before: before ?? null,
      after: { hint: row.hint, accountId: row.accountId },
    });
    return { provider: input.provider, hint: row.hint };
  });
  forgetTenantMessagingCredentials(actor.tenantId);
  return result;
}
