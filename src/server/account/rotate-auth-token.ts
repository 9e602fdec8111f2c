import { recordAudit } from "@/server/audit/record-audit";
import { newAuthToken, type TenantTwilioCredentials } from "@/server/account/ensure-tenant-auth-token";
import { forgetTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { ROTATE_AUTH_TOKEN_ROLE } from "@/server/account/twilio-credentials-role";
import { sealSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * Replaces the auth token at once (Twilio keeps a secondary token for a grace period; we do not): Basic auth with
 * the old token fails from now on, and callbacks are signed with the new one. Returns the new token once.
 */
export async function rotateAuthToken(actor: Actor): Promise<TenantTwilioCredentials> {
  assertRole(actor, ROTATE_AUTH_TOKEN_ROLE);
  const authToken = newAuthToken();
  const accountSid = await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: actor.tenantId }, select: { accountSid: true, authTokenCipher: true } });
    if (!tenant) throw notFound("account");
    await tx.tenant.update({ where: { id: actor.tenantId }, data: { authTokenCipher: sealSecret(authToken) }, select: { id: true } });
    await recordAudit(tx, actor, { action: "account.auth_token_rotated", targetType: "tenant", targetId: actor.tenantId, before: { authTokenCreated: tenant.authTokenCipher !== null } });
    return tenant.accountSid;
  });
  forgetTenantAuthToken(actor.tenantId);
  return { accountSid, authToken };
}
