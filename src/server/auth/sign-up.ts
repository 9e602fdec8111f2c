import { env } from "@/env";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { verifyEmailTemplate } from "@/server/email/templates/verify-email";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { assertMaySignUp } from "@/server/auth/abuse-limits";
import { issueUserToken } from "@/server/auth/issue-user-token";
import { hashPassword } from "@/server/auth/password";
import type { TSignUpInput } from "@/server/auth/auth.schemas";
import { newId } from "@/server/shared/ids";
import { slugify } from "@/server/tenant/slugify";

function emailTaken(): AppError {
  return new AppError("CONFLICT", "An account with this email already exists", {
    details: { fieldErrors: { email: ["An account with this email already exists"] } },
  });
}

/**
 * A new workspace: tenant, owner user and membership, trial credit with its ledger entry and the
 * verification token, all committed together. The verification mail goes out after the commit; if it
 * fails the user can resend it from the portal banner. Attempts are limited per IP (each one creates a tenant
 * with trial credit, and "already exists" answers would otherwise let anyone probe addresses at speed).
 */
export async function signUp(input: TSignUpInput, opts: { ip?: string | null } = {}): Promise<{ userId: string; tenantId: string }> {
  await assertMaySignUp(opts.ip ?? null);
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken();

  const passwordHash = await hashPassword(input.password);
  const tenantId = newId("tn");
  const userId = newId("usr");
  const credit = env.TRIAL_CREDIT_MICROS;
  let token: string;

  try {
    token = await db.$transaction(async (tx) => {
      await tx.tenant.create({ data: { id: tenantId, name: input.companyName, slug: slugify(input.companyName), creditMicros: credit } });
      await tx.user.create({ data: { id: userId, email: input.email, name: input.name, passwordHash } });
      await tx.membership.create({ data: { id: newId("mem"), tenantId, userId, role: "OWNER" } });
      await tx.creditLedgerEntry.create({
        data: { id: newId("cle"), tenantId, amountMicros: credit, balanceAfter: credit, currency: "USD", reason: "trial_credit" },
      });
      return issueUserToken(tx, userId, "EMAIL_VERIFY");
    });
  } catch (e) {
    // Two sign-ups racing for one address: the unique index decides, and the loser reads as a duplicate.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw emailTaken();
    throw e;
  }

  try {
    await sendEmail({ to: input.email, ...verifyEmailTemplate({ name: input.name, url: `${env.APP_URL}/verify-email?token=${token}` }) });
  } catch (e) {
    logger.warn({ err: e, userId }, "verification email not sent at sign-up");
  }
  return { userId, tenantId };
}
