import type { UserTokenPurpose } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db";
import { AppError } from "@/server/errors";
import { hashToken } from "@/server/shared/secret-token";

/**
 * Marks a one-time token used and returns its user. The conditional update (usedAt still null, not expired)
 * is what makes a token single-use even when two requests present it at once.
 */
export async function consumeUserToken(tx: Tx, purpose: UserTokenPurpose, token: string, invalidMessage: string): Promise<string> {
  const tokenHash = hashToken(token);
  const row = await tx.userToken.findUnique({ where: { tokenHash } });
  if (!row || row.purpose !== purpose) throw new AppError("BAD_REQUEST", invalidMessage);
  const claimed = await tx.userToken.updateMany({
    where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) throw new AppError("BAD_REQUEST", invalidMessage);
  return row.userId;
}
