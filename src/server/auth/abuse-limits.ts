// Abuse limits for the public identity flows (sign-in, sign-up, password reset, verification mail) and for
// invitations, all defined here. The counters are in this process's memory (src/server/shared/rate-limit.ts):
// with N app instances an attacker gets up to N times every budget, and a restart forgets them. The numbers come
// from src/env.ts; tests swap them and start from empty counters with configureAbuseLimits().
import { env } from "@/env";
import { AppError } from "@/server/errors";
import { describeWait, RateLimiterMemory, take } from "@/server/shared/rate-limit";
import { processState } from "@/server/shared/process-state";

export interface AbuseLimitSettings {
  /** Failed sign-ins in a row for one email from one address before that address is locked out of it. */
  signInFailuresPerEmail: number;
  /** Failures of an email (from any address, within a day) after which each further attempt waits (progressive delay). */
  signInDelayAfterFailures: number;
  /** The longest such wait: the account is slowed, never locked. */
  signInDelayMaxSeconds: number;
  /** The first lockout; each further one within a day doubles it, up to signInLockoutMaxSeconds. */
  signInLockoutSeconds: number;
  signInLockoutMaxSeconds: number;
  signInFailuresPerIpPerHour: number;
  passwordResetsPerEmailPerHour: number;
  passwordResetsPerIpPerHour: number;
  verificationEmailsPerEmailPerHour: number;
  verificationEmailsPerIpPerHour: number;
  signUpsPerIpPerHour: number;
  invitationsPerTenantPerDay: number;
}

function settingsFromEnv(): AbuseLimitSettings {
  return {
    signInFailuresPerEmail: env.SIGN_IN_FAILURES_PER_EMAIL,
    signInDelayAfterFailures: 5,
    signInDelayMaxSeconds: 30,
    signInLockoutSeconds: env.SIGN_IN_LOCKOUT_SECONDS,
    signInLockoutMaxSeconds: env.SIGN_IN_LOCKOUT_MAX_SECONDS,
    signInFailuresPerIpPerHour: env.SIGN_IN_FAILURES_PER_IP_PER_HOUR,
    passwordResetsPerEmailPerHour: env.PASSWORD_RESETS_PER_EMAIL_PER_HOUR,
    passwordResetsPerIpPerHour: env.PASSWORD_RESETS_PER_IP_PER_HOUR,
    verificationEmailsPerEmailPerHour: env.VERIFICATION_EMAILS_PER_EMAIL_PER_HOUR,
    verificationEmailsPerIpPerHour: env.VERIFICATION_EMAILS_PER_IP_PER_HOUR,
    signUpsPerIpPerHour: env.SIGN_UPS_PER_IP_PER_HOUR,
    invitationsPerTenantPerDay: env.INVITATIONS_PER_TENANT_PER_DAY,
  };
}

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

function build(s: AbuseLimitSettings) {
  const limiter = (keyPrefix: string, points: number, duration: number) => new RateLimiterMemory({ keyPrefix, points, duration });
  return {
    settings: s,
    // Keyed by email and address ("<email>|<ip>"): a lockout shuts out the address that failed, not the account
    // everywhere. Counted whether or not an account exists, so a lockout says nothing about the address.
    signInFailuresByEmail: limiter("signin_fail_email", s.signInFailuresPerEmail, DAY),
    // Only ever set with block(): a key is locked while it holds more than its one point.
    signInLockByEmail: limiter("signin_lock_email", 1, s.signInLockoutMaxSeconds),
    signInLockoutsByEmail: limiter("signin_lockouts_email", Number.MAX_SAFE_INTEGER, DAY),
    // The account's own failures from every address, and the wait they impose (block()), capped: slowed, never locked.
    signInFailuresByAccount: limiter("signin_fail_account", Number.MAX_SAFE_INTEGER, DAY),
    signInDelayByAccount: limiter("signin_delay_account", 1, s.signInDelayMaxSeconds),
    signInFailuresByIp: limiter("signin_fail_ip", s.signInFailuresPerIpPerHour, HOUR),
    passwordResetsByEmail: limiter("reset_email", s.passwordResetsPerEmailPerHour, HOUR),
    passwordResetsByIp: limiter("reset_ip", s.passwordResetsPerIpPerHour, HOUR),
    verificationEmailsByEmail: limiter("verify_email", s.verificationEmailsPerEmailPerHour, HOUR),
    verificationEmailsByIp: limiter("verify_ip", s.verificationEmailsPerIpPerHour, HOUR),
    signUpsByIp: limiter("signup_ip", s.signUpsPerIpPerHour, HOUR),
    invitationsByTenant: limiter("invite_tenant", s.invitationsPerTenantPerDay, DAY),
  };
}

const state = processState("auth.abuseLimits", () => ({ limits: build(settingsFromEnv()) }));

/** Fresh, empty counters with the env numbers, or with `overrides` (tests). */
export function configureAbuseLimits(overrides: Partial<AbuseLimitSettings> = {}): void {
  state.limits = build({ ...settingsFromEnv(), ...overrides });
  failedFrom.clear();
}

function rateLimited(message: string, retryAfter: number): AppError {
  return new AppError("RATE_LIMITED", `${message} Try again in ${describeWait(retryAfter)}.`, { retryAfter });
}

// Sign-in -----------------------------------------------------------------------------------------------

const tooManySignInFailures = (retryAfter: number) => rateLimited("Too many failed sign-in attempts.", retryAfter);

async function lockedFor(key: string): Promise<number | null> {
  const res = await state.limits.signInLockByEmail.get(key);
  return res && res.consumedPoints > 1 && res.msBeforeNext > 0 ? Math.ceil(res.msBeforeNext / 1000) : null;
}

/** Locks an address out of an email ("<email>|<ip>") for the base lockout, doubled for each earlier one within a day; returns the seconds. */
async function lockOut(email: string): Promise<number> {
  const already = await lockedFor(email);
  if (already) return already;
  const { settings } = state.limits;
  const lockouts = await take(state.limits.signInLockoutsByEmail, email);
  const earlier = lockouts.ok ? lockouts.consumed - 1 : 0;
  const seconds = Math.min(settings.signInLockoutSeconds * 2 ** earlier, settings.signInLockoutMaxSeconds);
  await state.limits.signInLockByEmail.block(email, seconds);
  // The lockout is the penalty for this run of failures; once it ends the email gets a full budget again.
  await state.limits.signInFailuresByEmail.delete(email);
  return seconds;
}

export interface SignInAttempt {
  /** The password was right: the failure runs, lockouts and delay of the email end, and the IP gets its point back. */
  succeeded(): Promise<void>;
  /** The password was wrong: the point stays spent. Returns a RATE_LIMITED error when this failure locks the address out. */
  failed(): Promise<AppError | null>;
  /** Neither: the password was right and the second factor is still to come. The points go back; nothing is cleared. */
  pending(): Promise<void>;
}

/** The addresses each email failed from, so a password reset can lift their lockouts. */
const failedFrom: Map<string, Set<string>> = processState("auth.signInFailedFrom", () => new Map());

async function delayedFor(email: string): Promise<number | null> {
  const res = await state.limits.signInDelayByAccount.get(email);
  return res && res.consumedPoints > 1 && res.msBeforeNext > 0 ? Math.ceil(res.msBeforeNext / 1000) : null;
}

/**
 * Call before the password is checked. Refuses an address locked out of this email, an account inside its
 * progressive delay, or an IP over its failure budget, then books this attempt as a failure up front, so a burst of
 * parallel guesses cannot all pass the check before any of them is counted. Unknown and known emails go through
 * exactly the same steps. Nobody can lock a victim out: a lockout is per email *and* address, and what an account
 * suffers from failures everywhere is a wait of at most signInDelayMaxSeconds between attempts.
 */
export async function beginSignInAttempt(email: string, ip: string | null): Promise<SignInAttempt> {
  const pair = `${email}|${ip ?? "-"}`;
  const locked = await lockedFor(pair);
  if (locked) throw tooManySignInFailures(locked);
  const delayed = await delayedFor(email);
  if (delayed) throw rateLimited("This account had several failed sign-in attempts, so each new one waits a little.", delayed);

  if (ip) {
    const byIp = await take(state.limits.signInFailuresByIp, ip);
    if (!byIp.ok) throw rateLimited("Too many failed sign-in attempts from your network.", byIp.retryAfter);
  }
  const refundIp = async () => {
    if (ip) await state.limits.signInFailuresByIp.reward(ip, 1);
  };

  const byPair = await take(state.limits.signInFailuresByEmail, pair);
  if (!byPair.ok) {
    // Only parallel attempts get here: the failure that spends the budget locks the address out itself.
    await refundIp();
    throw tooManySignInFailures(await lockOut(pair));
  }

  return {
    async succeeded() {
      await clearSignInFailures(email);
      await refundIp();
    },
    async pending() {
      await state.limits.signInFailuresByEmail.reward(pair, 1);
      await refundIp();
    },
    async failed() {
      const addresses = failedFrom.get(email) ?? new Set<string>();
      addresses.add(pair);
      failedFrom.set(email, addresses);
      const { settings } = state.limits;
      const account = await take(state.limits.signInFailuresByAccount, email);
      const beyond = (account.ok ? account.consumed : 0) - settings.signInDelayAfterFailures;
      if (beyond >= 0) await state.limits.signInDelayByAccount.block(email, Math.min(2 ** beyond, settings.signInDelayMaxSeconds));
      return byPair.consumed >= settings.signInFailuresPerEmail ? tooManySignInFailures(await lockOut(pair)) : null;
    },
  };
}

/** A successful sign-in or a password reset (it proves the mailbox): every lockout, failure run and delay of the email ends. */
export async function clearSignInFailures(email: string): Promise<void> {
  const keys = [`${email}|-`, ...(failedFrom.get(email) ?? [])];
  failedFrom.delete(email);
  for (const key of keys) {
    await state.limits.signInFailuresByEmail.delete(key);
    await state.limits.signInLockByEmail.delete(key);
    await state.limits.signInLockoutsByEmail.delete(key);
  }
  await state.limits.signInFailuresByAccount.delete(email);
  await state.limits.signInDelayByAccount.delete(email);
}

// Mail-sending flows ------------------------------------------------------------------------------------

/**
 * Whether a reset mail may go to this address. Over the IP budget throws RATE_LIMITED (that answer does not
 * depend on the address); over the address's budget returns false, and the caller answers exactly as usual
 * without sending, so the limit cannot be used to probe which addresses have accounts.
 */
export async function mayMailPasswordReset(email: string, ip: string | null): Promise<boolean> {
  if (ip) {
    const byIp = await take(state.limits.passwordResetsByIp, ip);
    if (!byIp.ok) throw rateLimited("Too many password reset requests from your network.", byIp.retryAfter);
  }
  return (await take(state.limits.passwordResetsByEmail, email)).ok;
}

/** The resend button of a signed-in user: no account probing to guard against, so both limits say so. */
export async function assertMayMailVerification(email: string, ip: string | null): Promise<void> {
  if (ip) {
    const byIp = await take(state.limits.verificationEmailsByIp, ip);
    if (!byIp.ok) throw rateLimited("Too many verification emails requested from your network.", byIp.retryAfter);
  }
  const byEmail = await take(state.limits.verificationEmailsByEmail, email);
  if (!byEmail.ok) throw rateLimited("We have sent several verification emails already. Check your inbox and spam folder.", byEmail.retryAfter);
}

export async function assertMaySignUp(ip: string | null): Promise<void> {
  if (!ip) return;
  const byIp = await take(state.limits.signUpsByIp, ip);
  if (!byIp.ok) throw rateLimited("Too many sign-ups from your network.", byIp.retryAfter);
}

export async function assertMayInvite(tenantId: string): Promise<void> {
  const byTenant = await take(state.limits.invitationsByTenant, tenantId);
  if (!byTenant.ok) {
    throw rateLimited(`This workspace has sent its ${state.limits.settings.invitationsPerTenantPerDay} invitations for today.`, byTenant.retryAfter);
  }
}
