import { db } from "@/server/db";
import { hashPassword } from "@/server/auth/password";
import type { TResetPasswordInput } from "@/server/auth/auth.schemas";
import { consumeUserToken } from "@/server/auth/consume-user-token";

/** Sets a new password from a reset link. Every other outstanding reset link of the user dies with it. */
export async function resetPassword(input: TResetPasswordInput): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const userId = await consumeUserToken(tx, "PASSWORD_RESET", input.token, "This reset link is invalid, already used or expired. Ask for a new one.");
    await tx.userToken.updateMany({ where: { userId, purpose: "PASSWORD_RESET", usedAt: null }, data: { usedAt: new Date() } });
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    return { email: user.email };
  });
}
