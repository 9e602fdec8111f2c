import type { UserTokenPurpose } from "@/generated/prisma/enums";
import type { DbOrTx } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { issueToken } from "@/server/shared/secret-token";

/** How long each kind of one-time link works. */
const TTL_MS: Record<UserTokenPurpose, number> = {
  EMAIL_VERIFY: 24 * 60 * 60 * 1000,
  PASSWORD_RESET: 60 * 60 * 1000,
};

/** Stores a new one-time token of the user (only its hash) and returns the token for the link; consumeUserToken uses it up. */
export async function issueUserToken(tx: DbOrTx, userId: string, purpose: UserTokenPurpose): Promise<string> {
  const { token, tokenHash } = issueToken();
  await tx.userToken.create({ data: { id: newId("utk"), userId, purpose, tokenHash, expiresAt: new Date(Date.now() + TTL_MS[purpose]) } });
  return token;
}
