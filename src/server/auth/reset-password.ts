import { db } from "@/server/db";
import { clearSignInFailures } from "@/server/auth/abuse-limits";
import { hashPassword } from "@/server/auth/password";
import type { TResetPasswordInput } from "@/server/auth/auth.schemas";
import { consumeUserToken } from "@/server/auth/consume-user-token";
import { forgetSessionVersion } from "@/server/auth/session-version";

/**
 * Sets a new password from a reset link. Every other outstanding reset link of the user dies with it, and so does
 * every session signed in before (sessionVersion bump, checked in auth-options.ts). A sign-in lockout on the
 * address is lifted: the link proved the mailbox, and whoever caused the lockout does not know the new password.
 */
export async function resetPassword(input: TResetPasswordInput): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  const user = await db.$transaction(async (tx) => {
    const userId = await consumeUserToken(tx, "PASSWORD_RESET", input.token, "This reset link is invalid, already used or expired. Ask for a new one.");
    await tx.userToken.updateMany({ where: { userId, purpose: "PASSWORD_RESET", usedAt: null }, data: { usedAt: new Date() } });
    return tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  });
  forgetSessionVersion(user.id);
  await clearSignInFailures(user.email);
  return { email: user.email };
}
