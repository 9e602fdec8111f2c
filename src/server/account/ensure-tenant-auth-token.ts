// The tenant's Twilio-compatible auth token: 32 hex characters like Twilio's, stored sealed with
// APP_ENCRYPTION_KEY (crypto/secret-box) because we must read it back to sign status callbacks.
// It is created the first time anything needs it; concurrent first uses agree on one token.
import { randomBytes } from "node:crypto";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";
import type { DbOrTx } from "@/server/db";
import { db } from "@/server/db";

export interface TenantTwilioCredentials {
  accountSid: string;
  authToken: string;
}

export function newAuthToken(): string {
  return randomBytes(16).toString("hex");
}

/**
 * The tenant's AccountSid and auth token, creating the token when the tenant has none yet. Race-safe without a
 * lock: the write only lands while the column is still null, and a loser reads the winner's token. Null when
 * the tenant does not exist.
 */
export async function ensureTenantAuthToken(tenantId: string, tx: DbOrTx = db): Promise<TenantTwilioCredentials | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { accountSid: true, authTokenCipher: true } });
    if (!tenant) return null;
    if (tenant.authTokenCipher) return { accountSid: tenant.accountSid, authToken: openSecret(tenant.authTokenCipher) };
    const authToken = newAuthToken();
    const { count } = await tx.tenant.updateMany({ where: { id: tenantId, authTokenCipher: null }, data: { authTokenCipher: sealSecret(authToken) } });
    if (count === 1) return { accountSid: tenant.accountSid, authToken };
    // Another request created it between our read and write: read theirs.
  }
  throw new Error(`could not create an auth token for tenant ${tenantId}`);
}
