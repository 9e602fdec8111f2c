// The per-email and per-IP limits of the flows that send mail or create accounts (abuse-limits.ts).
import { beforeEach, describe, expect, it } from "vitest";
import { configureAbuseLimits } from "@/server/auth/abuse-limits";
import { requestPasswordReset } from "@/server/auth/request-password-reset";
import { sendVerificationEmail } from "@/server/auth/send-verification-email";
import { signUp } from "@/server/auth/sign-up";
import { db } from "@/server/db";
import type { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const mailsTo = (to: string) => db.emailMessage.count({ where: { to } });
const TRY_AGAIN_WITHIN_AN_HOUR = /Try again in (\d+ (seconds?|minutes?)|1 hour)\.$/;

async function account() {
  const email = `${newId("u")}@example.test`;
  const { userId } = await signUp({ name: "Grace", email, password: "old password 123", companyName: "Cobol Inc" });
  return { email, userId };
}

beforeEach(() => configureAbuseLimits());

describe("password reset requests", () => {
  it("past the per-address limit answer as before and send nothing, for known and unknown addresses alike", async () => {
    configureAbuseLimits({ passwordResetsPerEmailPerHour: 2 });
    const { email } = await account();
    const ghost = `${newId("ghost")}@example.test`;
    for (const address of [email, ghost]) {
      for (let i = 0; i < 3; i++) await expect(requestPasswordReset(address, { ip: null })).resolves.toBeUndefined();
    }
    expect(await db.emailMessage.count({ where: { to: email, subject: { contains: "password", mode: "insensitive" } } })).toBe(2);
    expect(await mailsTo(ghost)).toBe(0);
  });

  it("past the per-IP limit refuse with RATE_LIMITED naming when to retry, whatever the address", async () => {
    configureAbuseLimits({ passwordResetsPerIpPerHour: 2 });
    const ip = "203.0.113.20";
    const { email } = await account();
    await requestPasswordReset(`${newId("a")}@example.test`, { ip });
    await requestPasswordReset(`${newId("b")}@example.test`, { ip });
    const known = await refusal(requestPasswordReset(email, { ip }));
    const unknown = await refusal(requestPasswordReset(`${newId("c")}@example.test`, { ip }));
    expect(known).toMatchObject({ code: "RATE_LIMITED" });
    expect(known?.message).toMatch(TRY_AGAIN_WITHIN_AN_HOUR);
    expect(known?.retryAfter).toBeGreaterThan(0);
    expect(unknown?.message).toBe(known?.message);
    await expect(requestPasswordReset(email, { ip: "198.51.100.20" })).resolves.toBeUndefined();
  });
});

describe("verification mail resends", () => {
  const ageTokens = (userId: string) => db.userToken.updateMany({ where: { userId }, data: { createdAt: new Date(Date.now() - 2 * 60 * 1000) } });

  it("refuse past the per-address limit, saying when to retry", async () => {
    configureAbuseLimits({ verificationEmailsPerEmailPerHour: 2 });
    const { userId } = await account();
    for (let i = 0; i < 2; i++) {
      await ageTokens(userId);
      await expect(sendVerificationEmail(userId, { ip: null })).resolves.toEqual({ alreadyVerified: false });
    }
    await ageTokens(userId);
    const refused = await refusal(sendVerificationEmail(userId, { ip: null }));
    expect(refused).toMatchObject({ code: "RATE_LIMITED" });
    expect(refused?.message).toMatch(TRY_AGAIN_WITHIN_AN_HOUR);
  });

  it("refuse past the per-IP limit across users", async () => {
    configureAbuseLimits({ verificationEmailsPerIpPerHour: 1 });
    const ip = "203.0.113.21";
    const first = await account();
    const second = await account();
    await ageTokens(first.userId);
    await ageTokens(second.userId);
    await expect(sendVerificationEmail(first.userId, { ip })).resolves.toEqual({ alreadyVerified: false });
    expect(await refusal(sendVerificationEmail(second.userId, { ip }))).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/from your network/) });
  });
});

describe("sign-up", () => {
  it("refuses past the per-IP limit with RATE_LIMITED and Retry-After, writing nothing", async () => {
    configureAbuseLimits({ signUpsPerIpPerHour: 2 });
    const ip = "203.0.113.22";
    const input = () => ({ name: "Ada", email: `${newId("s")}@example.test`, password: "correct horse battery", companyName: "Engines" });
    await signUp(input(), { ip });
    await signUp(input(), { ip });
    const third = input();
    const refused = await refusal(signUp(third, { ip }));
    expect(refused).toMatchObject({ code: "RATE_LIMITED" });
    expect(refused?.message).toMatch(/^Too many sign-ups from your network\./);
    expect(refused?.message).toMatch(TRY_AGAIN_WITHIN_AN_HOUR);
    expect(refused?.retryAfter).toBeGreaterThan(3500);
    expect(await db.user.count({ where: { email: third.email } })).toBe(0);
    await expect(signUp(input(), { ip: "198.51.100.22" })).resolves.toMatchObject({ userId: expect.any(String) });
  });
});
