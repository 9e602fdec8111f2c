import { db } from "@/server/db";
import { recordMilestone } from "@/server/onboarding/record-milestone";
import { consumeUserToken } from "@/server/auth/consume-user-token";

/** Confirms the address and ticks `email_verified` on every workspace the user belongs to. */
export async function verifyEmail(token: string): Promise<{ userId: string }> {
  return db.$transaction(async (tx) => {
    const userId = await consumeUserToken(tx, "EMAIL_VERIFY", token, "This confirmation link is invalid or has expired. Sign in and ask for a new one.");
    const user = await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() }, include: { memberships: true } });
    for (const m of user.memberships) await recordMilestone(tx, m.tenantId, "email_verified");
    return { userId };
  });
}
