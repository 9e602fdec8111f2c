import { recordAudit } from "@/server/audit/record-audit";
import { ensureTenantAuthToken, type TenantTwilioCredentials } from "@/server/account/ensure-tenant-auth-token";
import { TWILIO_CREDENTIALS_ROLE } from "@/server/account/twilio-credentials-role";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * The tenant's AccountSid and auth token for Twilio's client libraries (`twilio(accountSid, authToken)`),
 * creating the token on first use. Audited, because whoever reads the token can act as the account and forge
 * its callback signatures.
 */
export async function getTwilioCredentials(actor: Actor): Promise<TenantTwilioCredentials> {
  assertRole(actor, TWILIO_CREDENTIALS_ROLE);
  const credentials = await ensureTenantAuthToken(actor.tenantId);
  if (!credentials) throw notFound("account");
  // The audit names the event, never the token.
  await recordAudit(db, actor, { action: "account.auth_token_revealed", targetType: "tenant", targetId: actor.tenantId });
  return credentials;
}
