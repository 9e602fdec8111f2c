import { beginSignInAttempt } from "@/server/auth/abuse-limits";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { verifyPassword } from "@/server/auth/password";
import { verifySecondFactor } from "@/server/auth/two-factor/two-factor";
import type { SessionUser } from "@/server/auth/session";
import type { TSignInInput } from "@/server/auth/auth.schemas";
import { assertTenantActive } from "@/server/tenancy";

const WRONG_CREDENTIALS = "Incorrect email or password";
/** The sign-in form shows the code field when it reads this (the password was right). */
export const SECOND_FACTOR_REQUIRED = "second_factor_required: enter the code from your authenticator app, or a recovery code";
const WRONG_CODE = "Incorrect authentication code";

// Verifies a hash even for unknown emails, so response time does not reveal which addresses have accounts.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$XvXgqyXNSP/r7F9DcOIb7A$5xYmZIyE89tt/voQmFzu7Edf9MstfnBuoydlOyufEtc";

export type AuthenticatedUser = SessionUser & { sessionVersion: number; /** Signed in with the second factor. */ mfa: boolean };

/**
 * Credentials check for sign-in. Wrong email and wrong password read the same; suspended-only users are told why.
 * Failures are throttled per email and per IP (abuse-limits.ts) the same way whether or not the email has an account.
 */
export async function authenticateUser(input: TSignInInput, opts: { ip?: string | null } = {}): Promise<AuthenticatedUser> {
  const attempt = await beginSignInAttempt(input.email, opts.ip ?? null);
  const user = await db.user.findUnique({
    where: { email: input.email },
    include: { memberships: { include: { tenant: { select: { status: true, suspendedReason: true } } } } },
  });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user || !ok) throw (await attempt.failed()) ?? new AppError("UNAUTHORIZED", WRONG_CREDENTIALS);
  if (user.totpEnabledAt) {
    // A wrong code counts like a wrong password (lockout per address, delay per account); a missing one does not.
    if (!input.code) {
      await attempt.pending();
      throw new AppError("UNAUTHORIZED", SECOND_FACTOR_REQUIRED);
    }
    if (!(await verifySecondFactor(user.id, input.code))) throw (await attempt.failed()) ?? new AppError("UNAUTHORIZED", WRONG_CODE);
  }
  await attempt.succeeded();

  const tenants = user.memberships.map((m) => m.tenant);
  if (tenants.length > 0 && tenants.every((t) => t.status === "SUSPENDED")) {
    // With several suspended workspaces no single reason applies.
    assertTenantActive({ status: "SUSPENDED", suspendedReason: tenants.length === 1 ? tenants[0]!.suspendedReason : null });
  }
  return { id: user.id, email: user.email, name: user.name, isPlatformStaff: user.isPlatformStaff, impersonatorId: null, sessionVersion: user.sessionVersion, mfa: user.totpEnabledAt !== null };
}
