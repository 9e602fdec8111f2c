import { TWILIO_CREDENTIALS_ROLE } from "@/server/account/twilio-credentials-role";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

export interface TwilioAccount {
  /** "AC" + 32 hex: the username of Basic auth and the {AccountSid} of /2010-04-01/Accounts/{AccountSid}/… */
  accountSid: string;
  /** False until someone first reveals the token (or a callback is signed with it). */
  authTokenCreated: boolean;
}

/** The Account SID, which is not secret, and whether an auth token exists; never the token itself. */
export async function getTwilioAccount(actor: Actor): Promise<TwilioAccount> {
  assertRole(actor, TWILIO_CREDENTIALS_ROLE);
  const tenant = await db.tenant.findUnique({ where: { id: actor.tenantId }, select: { accountSid: true, authTokenCipher: true } });
  if (!tenant) throw notFound("account");
  return { accountSid: tenant.accountSid, authTokenCreated: tenant.authTokenCipher !== null };
}
