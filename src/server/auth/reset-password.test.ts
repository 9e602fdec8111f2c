import { describe, expect, it } from "vitest";
import { authenticateUser } from "@/server/auth/authenticate-user";
import { requestPasswordReset } from "@/server/auth/request-password-reset";
import { resetPassword } from "@/server/auth/reset-password";
import { signUp } from "@/server/auth/sign-up";
import { db } from "@/server/db";
import type { AppError } from "@/server/errors";
import { hashToken } from "@/server/shared/secret-token";
import { tokenFromLastEmail } from "@/test/mail";

const RESET_LINK = /reset-password\?token=/;

async function account(email: string) {
  await signUp({ name: "Grace", email, password: "old password 123", companyName: "Cobol Inc" });
  return email;
}

describe("password reset", () => {
  it("answers the same for unknown addresses and sends nothing", async () => {
    await expect(requestPasswordReset("ghost@example.test")).resolves.toBeUndefined();
    expect(await db.emailMessage.count({ where: { to: "ghost@example.test" } })).toBe(0);
  });

  it("stores only the sha256 of the token, valid for one hour", async () => {
    const email = await account("hash@example.test");
    const before = Date.now();
    await requestPasswordReset(email);
    const token = await tokenFromLastEmail(email, RESET_LINK);
    const row = await db.userToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row.purpose).toBe("PASSWORD_RESET");
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(59 * 60 * 1000);
    expect(row.expiresAt.getTime() - before).toBeLessThanOrEqual(61 * 60 * 1000);
    expect(await db.userToken.count({ where: { tokenHash: token } })).toBe(0);
  });

  it("sets the new password once; the same link cannot be used again", async () => {
    const email = await account("once@example.test");
    await requestPasswordReset(email);
    const token = await tokenFromLastEmail(email, RESET_LINK);

    await resetPassword({ token, password: "new password 456" });
    await expect(authenticateUser({ email, password: "new password 456" })).resolves.toMatchObject({ email });
    await expect(authenticateUser({ email, password: "old password 123" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    const again = await resetPassword({ token, password: "third password 789" }).catch((e: unknown) => e as AppError);
    expect(again).toMatchObject({ code: "BAD_REQUEST" });
    await expect(authenticateUser({ email, password: "new password 456" })).resolves.toMatchObject({ email });
  });

  it("refuses an expired link", async () => {
    const email = await account("expired@example.test");
    await requestPasswordReset(email);
    const token = await tokenFromLastEmail(email, RESET_LINK);
    await db.userToken.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(resetPassword({ token, password: "new password 456" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(authenticateUser({ email, password: "old password 123" })).resolves.toMatchObject({ email });
  });

  it("refuses an email-verification token used as a reset token", async () => {
    const email = await account("purpose@example.test");
    const verifyToken = await tokenFromLastEmail(email, /verify-email\?token=/);
    await expect(resetPassword({ token: verifyToken, password: "new password 456" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
