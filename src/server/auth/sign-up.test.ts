import { describe, expect, it } from "vitest";
import { env } from "@/env";
import { signUp } from "@/server/auth/sign-up";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { lastEmailTo } from "@/test/mail";

const input = { name: "Ada Lovelace", email: "ada@example.test", password: "correct horse battery", companyName: "Analytical Engines" };

describe("signUp", () => {
  it("creates tenant, owner, trial credit with its ledger entry and a verification token, and mails the link", async () => {
    const { userId, tenantId } = await signUp(input);

    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tenant.name).toBe("Analytical Engines");
    expect(tenant.creditMicros).toBe(env.TRIAL_CREDIT_MICROS);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.emailVerifiedAt).toBeNull();
    expect(await db.membership.findMany({ where: { tenantId } })).toMatchObject([{ userId, role: "OWNER" }]);
    expect(await db.creditLedgerEntry.findMany({ where: { tenantId } })).toMatchObject([
      { amountMicros: env.TRIAL_CREDIT_MICROS, balanceAfter: env.TRIAL_CREDIT_MICROS, reason: "trial_credit" },
    ]);
    expect(await db.userToken.count({ where: { userId, purpose: "EMAIL_VERIFY" } })).toBe(1);
    const mail = await lastEmailTo(input.email);
    expect(mail.text).toContain(`${env.APP_URL}/verify-email?token=`);
  });

  it("refuses a duplicate email with CONFLICT naming the field, and writes nothing", async () => {
    await signUp({ ...input, email: "dup@example.test" });
    const tenantsBefore = await db.tenant.count();
    const err = await signUp({ ...input, email: "dup@example.test", companyName: "Other" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("CONFLICT");
    expect((err as AppError).details).toEqual({ fieldErrors: { email: [expect.any(String)] } });
    expect(await db.tenant.count()).toBe(tenantsBefore);
  });

  it("lets exactly one of two racing sign-ups for one address through", async () => {
    const results = await Promise.allSettled([signUp({ ...input, email: "race@example.test" }), signUp({ ...input, email: "race@example.test" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("CONFLICT");
    expect(await db.user.count({ where: { email: "race@example.test" } })).toBe(1);
    expect(await db.tenant.count({ where: { memberships: { none: {} } } })).toBe(0);
  });
});
