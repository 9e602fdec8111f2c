import { env } from "@/env";
import { db } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { verifyEmailTemplate } from "@/server/email/templates/verify-email";
import { AppError, notFound } from "@/server/errors";
import { assertMayMailVerification } from "@/server/auth/abuse-limits";
import { issueUserToken } from "@/server/auth/issue-user-token";

const RESEND_COOLDOWN_MS = 60 * 1000;

/**
 * "Resend" from the unverified-email banner. One mail a minute, and a few an hour per address and per IP
 * (abuse-limits.ts), so the button cannot be used to spam.
 */
export async function sendVerificationEmail(userId: string, opts: { ip?: string | null } = {}): Promise<{ alreadyVerified: boolean }> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("user");
  if (user.emailVerifiedAt) return { alreadyVerified: true };

  const recent = await db.userToken.findFirst({
    where: { userId, purpose: "EMAIL_VERIFY", createdAt: { gt: new Date(Date.now() - RESEND_COOLDOWN_MS) } },
  });
  if (recent) throw new AppError("RATE_LIMITED", "We just sent you a link. Wait a minute before asking for another.", { retryAfter: 60 });
  await assertMayMailVerification(user.email, opts.ip ?? null);

  const token = await issueUserToken(db, userId, "EMAIL_VERIFY");
  await sendEmail({ to: user.email, ...verifyEmailTemplate({ name: user.name, url: `${env.APP_URL}/verify-email?token=${token}` }) });
  return { alreadyVerified: false };
}
