import { env } from "@/env";
import { mayMailPasswordReset } from "@/server/auth/abuse-limits";
import { db } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { resetPasswordTemplate } from "@/server/email/templates/reset-password";
import { logger } from "@/server/logger";
import { issueUserToken } from "@/server/auth/issue-user-token";

/**
 * Answers the same whether or not the address has an account, so it cannot be used to probe for users. Past the
 * per-address limit it still answers the same and sends nothing; past the per-IP limit it refuses with RATE_LIMITED.
 */
export async function requestPasswordReset(email: string, opts: { ip?: string | null } = {}): Promise<void> {
  if (!(await mayMailPasswordReset(email, opts.ip ?? null))) {
    logger.warn({ ip: opts.ip ?? null }, "password reset mail not sent: per-address limit reached");
    return;
  }
  const user = await db.user.findUnique({ where: { email } });
  if (!user) return;
  const token = await issueUserToken(db, user.id, "PASSWORD_RESET");
  try {
    await sendEmail({ to: user.email, ...resetPasswordTemplate({ name: user.name, url: `${env.APP_URL}/reset-password?token=${token}` }) });
  } catch (e) {
    logger.warn({ err: e, userId: user.id }, "password reset email not sent");
  }
}
