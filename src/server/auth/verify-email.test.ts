import { describe, expect, it } from "vitest";
import { sendVerificationEmail } from "@/server/auth/send-verification-email";
import { signUp } from "@/server/auth/sign-up";
import { verifyEmail } from "@/server/auth/verify-email";
import { db } from "@/server/db";
import { getOnboardingChecklist } from "@/server/onboarding/get-onboarding-checklist";
import { tokenFromLastEmail } from "@/test/mail";

const VERIFY_LINK = /verify-email\?token=/;

describe("verifyEmail", () => {
  it("marks the address verified and ticks email_verified on the checklist", async () => {
    const { userId, tenantId } = await signUp({ name: "Lin", email: "lin@example.test", password: "a long password", companyName: "Lin Co" });
    expect((await getOnboardingChecklist(tenantId, "OWNER")).steps.find((s) => s.key === "email_verified")?.done).toBe(false);

    await verifyEmail(await tokenFromLastEmail("lin@example.test", VERIFY_LINK));

    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeInstanceOf(Date);
    const checklist = await getOnboardingChecklist(tenantId, "OWNER");
    expect(checklist.steps.find((s) => s.key === "email_verified")?.done).toBe(true);
    expect(checklist.completed).toBe(1);
    expect(checklist.total).toBe(5);
  });

  it("refuses a link used twice", async () => {
    await signUp({ name: "Two", email: "two@example.test", password: "a long password", companyName: "Two Co" });
    const token = await tokenFromLastEmail("two@example.test", VERIFY_LINK);
    await verifyEmail(token);
    await expect(verifyEmail(token)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("resends at most once a minute and not at all once verified", async () => {
    const { userId } = await signUp({ name: "Re", email: "re@example.test", password: "a long password", companyName: "Re Co" });
    await expect(sendVerificationEmail(userId)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await db.userToken.updateMany({ where: { userId }, data: { createdAt: new Date(Date.now() - 2 * 60 * 1000) } });
    await expect(sendVerificationEmail(userId)).resolves.toEqual({ alreadyVerified: false });
    expect(await db.emailMessage.count({ where: { to: "re@example.test" } })).toBe(2);
    await verifyEmail(await tokenFromLastEmail("re@example.test", VERIFY_LINK));
    await expect(sendVerificationEmail(userId)).resolves.toEqual({ alreadyVerified: true });
  });
});
