// A user's second factor: enrolment (a secret shown once as a QR code, enabled by its first code, which also
// issues the recovery codes), its check at sign-in (an authenticator code or one unused recovery code), new
// recovery codes, and turning it off. Every change is audited against the user.
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";
import { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpQrCode, totpUri } from "@/server/auth/two-factor/totp";

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

function codeError(message: string): AppError {
  return new AppError("VALIDATION_FAILED", `code: ${message}`, { details: { fieldErrors: { code: [message] } } });
}

/** The request a change came from, for the audit log (sign-in has none of its own; tRPC passes its request's). */
export interface RequestMeta {
  requestId?: string;
  ip?: string | null;
}

const audit = (userId: string, action: string, meta: RequestMeta = {}) =>
  recordAudit(db, { tenantId: null, userId, apiKeyId: null, impersonatorId: null, requestId: meta.requestId ?? `2fa-${newId("req")}`, ip: meta.ip ?? null }, { action, targetType: "user", targetId: userId });

export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } });
  const left = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  return { enabled: user.totpEnabledAt !== null, enabledAt: user.totpEnabledAt, recoveryCodesLeft: user.totpEnabledAt ? left : 0 };
}

/** A new secret to scan; it takes effect only when a code from it is confirmed. */
export async function beginTotpEnrolment(userId: string): Promise<{ secret: string; uri: string; qrCode: string }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "two-factor authentication is already on; turn it off first to enrol another device");
  const secret = newTotpSecret();
  await db.user.update({ where: { id: userId }, data: { totpPendingCipher: sealSecret(secret) } });
  const uri = totpUri(user.email, secret);
  return { secret, uri, qrCode: await totpQrCode(uri) };
}

async function issueRecoveryCodes(userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({ data: codes.map((c) => ({ id: newId("rc"), userId, codeHash: hashRecoveryCode(c) })) }),
  ]);
  return codes;
}

/** The first code from the pending secret turns the second factor on; the recovery codes are shown this once. */
export async function confirmTotpEnrolment(userId: string, code: string, meta: RequestMeta = {}): Promise<{ recoveryCodes: string[] }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpPendingCipher: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "two-factor authentication is already on");
  if (!user.totpPendingCipher) throw codeError("start the set-up again: no secret is waiting for its first code");
  const secret = openSecret(user.totpPendingCipher);
  const step = await checkTotp(secret, code.trim(), null);
  if (step === null) throw codeError("that code does not match: check the app's clock and enter the current code");
  const turnedOn = await db.user.updateMany({
    where: { id: userId, totpEnabledAt: null, totpPendingCipher: user.totpPendingCipher },
    data: { totpSecretCipher: user.totpPendingCipher, totpPendingCipher: null, totpEnabledAt: new Date(), totpLastTimeStep: step },
  });
  if (turnedOn.count === 0) throw new AppError("CONFLICT", "the set-up changed meanwhile: start it again");
  const recoveryCodes = await issueRecoveryCodes(userId);
  await audit(userId, "user.two_factor_enabled", meta);
  return { recoveryCodes };
}

/**
 * Checks a second-factor code for the user: the authenticator's current code (each step accepted once, by a
 * conditional update) or an unused recovery code (spent by a conditional update). True when it is good.
 */
export async function verifySecondFactor(userId: string, rawCode: string): Promise<"totp" | "recovery" | null> {
  const code = rawCode.trim().replace(/\s/g, "");
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecretCipher: true, totpLastTimeStep: true, totpEnabledAt: true } });
  if (!user?.totpEnabledAt || !user.totpSecretCipher) return null;
  if (/^\d{6}$/.test(code)) {
    const step = await checkTotp(openSecret(user.totpSecretCipher), code, user.totpLastTimeStep);
    if (step === null) return null;
    const taken = await db.user.updateMany({
      where: { id: userId, OR: [{ totpLastTimeStep: null }, { totpLastTimeStep: { lt: step } }] },
      data: { totpLastTimeStep: step },
    });
    return taken.count === 1 ? "totp" : null;
  }
  const spent = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: new Date() } });
  if (spent.count !== 1) return null;
  await audit(userId, "user.recovery_code_used");
  return "recovery";
}

/** New recovery codes (the old ones stop working), against a current code. */
export async function regenerateRecoveryCodes(userId: string, code: string, meta: RequestMeta = {}): Promise<{ recoveryCodes: string[] }> {
  if (!(await verifySecondFactor(userId, code))) throw codeError("that code does not match");
  const recoveryCodes = await issueRecoveryCodes(userId);
  await audit(userId, "user.recovery_codes_regenerated", meta);
  return { recoveryCodes };
}

/** Turns the second factor off, against a current code (a staff member then cannot use /admin until enrolled again). */
export async function disableTwoFactor(userId: string, code: string, meta: RequestMeta = {}): Promise<TwoFactorStatus> {
  if (!(await verifySecondFactor(userId, code))) throw codeError("that code does not match");
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { totpSecretCipher: null, totpPendingCipher: null, totpEnabledAt: null, totpLastTimeStep: null } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
  ]);
  await audit(userId, "user.two_factor_disabled", meta);
  return twoFactorStatus(userId);
}
