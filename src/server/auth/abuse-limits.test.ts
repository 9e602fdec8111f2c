import { beforeEach, describe, expect, it } from "vitest";
import { configureAbuseLimits } from "@/server/auth/abuse-limits";
import { authenticateUser } from "@/server/auth/authenticate-user";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import type { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";

const PASSWORD = "right password!";
const outcome = (p: Promise<unknown>) => p.then(() => "signed in", (e: unknown) => `${(e as AppError).code}: ${(e as AppError).message}`);
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function user() {
  const email = `${newId("u")}@example.test`;
  await db.user.create({ data: { id: newId("usr"), email, name: "Sam", passwordHash: await hashPassword(PASSWORD) } });
  return email;
}
const signIn = (email: string, password: string, ip: string | null = null) => authenticateUser({ email, password }, { ip });

beforeEach(() => configureAbuseLimits({ signInFailuresPerEmail: 3, signInLockoutSeconds: 900 }));

describe("sign-in throttling per email and address", () => {
  it("locks the email on the last allowed failure, saying when to retry, and refuses even the right password", async () => {
    const email = await user();
    expect(await outcome(signIn(email, "wrong 1"))).toBe("UNAUTHORIZED: Incorrect email or password");
    expect(await outcome(signIn(email, "wrong 2"))).toBe("UNAUTHORIZED: Incorrect email or password");
    const locked = await refusal(signIn(email, "wrong 3"));
    expect(locked).toMatchObject({ code: "RATE_LIMITED", retryAfter: 900 });
    expect(locked?.message).toBe("Too many failed sign-in attempts. Try again in 15 minutes.");
    expect(await refusal(signIn(email, PASSWORD))).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Try again in 15 minutes/) });
  });

  it("answers an unknown email exactly like a known one, step by step", async () => {
    const known = await user();
    const unknown = `${newId("ghost")}@example.test`;
    const run = async (email: string) => [await outcome(signIn(email, "wrong")), await outcome(signIn(email, "wrong")), await outcome(signIn(email, "wrong")), await outcome(signIn(email, "wrong"))];
    expect(await run(unknown)).toEqual(await run(known));
  });

  it("starts the count again after a successful sign-in", async () => {
    const email = await user();
    await signIn(email, "wrong").catch(() => {});
    await signIn(email, "wrong").catch(() => {});
    await expect(signIn(email, PASSWORD)).resolves.toMatchObject({ email });
    expect(await outcome(signIn(email, "wrong"))).toMatch(/^UNAUTHORIZED/);
    expect(await outcome(signIn(email, "wrong"))).toMatch(/^UNAUTHORIZED/);
    await expect(signIn(email, PASSWORD)).resolves.toMatchObject({ email });
  });

  it("doubles each further lockout, up to the maximum", async () => {
    configureAbuseLimits({ signInFailuresPerEmail: 1, signInLockoutSeconds: 1, signInLockoutMaxSeconds: 2 });
    const email = await user();
    expect(await refusal(signIn(email, "wrong"))).toMatchObject({ code: "RATE_LIMITED", retryAfter: 1, message: expect.stringMatching(/Try again in 1 second\./) });
    await sleep(1100);
    expect(await refusal(signIn(email, "wrong"))).toMatchObject({ code: "RATE_LIMITED", retryAfter: 2, message: expect.stringMatching(/Try again in 2 seconds\./) });
    await sleep(2100);
    expect(await refusal(signIn(email, "wrong"))).toMatchObject({ retryAfter: 2 });
  });

  it("lets a parallel burst of guesses check no more passwords than the budget", async () => {
    const email = await user();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => outcome(signIn(email, `wrong ${i}`))));
    expect(results.filter((r) => r.startsWith("UNAUTHORIZED")).length).toBeLessThanOrEqual(2);
    expect(results.every((r) => /^(UNAUTHORIZED|RATE_LIMITED)/.test(r))).toBe(true);
    expect(await outcome(signIn(email, PASSWORD))).toMatch(/^RATE_LIMITED/);
  });
});

describe("a lockout cannot shut the owner out", () => {
  it("failures from one address lock that address out of the email; the owner signs in from another", async () => {
    const email = await user();
    for (let i = 0; i < 3; i++) await signIn(email, `guess ${i}`, "203.0.113.66").catch(() => {});
    expect(await refusal(signIn(email, PASSWORD, "203.0.113.66"))).toMatchObject({ code: "RATE_LIMITED" });
    await expect(signIn(email, PASSWORD, "198.51.100.20")).resolves.toMatchObject({ email });
  });

  it("failures from many addresses slow the account progressively, capped, and never lock it", async () => {
    configureAbuseLimits({ signInFailuresPerEmail: 10, signInDelayAfterFailures: 2, signInDelayMaxSeconds: 2, signInFailuresPerIpPerHour: 1000 });
    const email = await user();
    await signIn(email, "guess", "203.0.113.1").catch(() => {});
    await signIn(email, "guess", "203.0.113.2").catch(() => {});
    // From the second failure on, each attempt from anywhere waits: 1 s, then 2 s (the cap). Asked early, it says so.
    const waiting = await refusal(signIn(email, PASSWORD, "198.51.100.21"));
    expect(waiting).toMatchObject({ code: "RATE_LIMITED", retryAfter: 1 });
    expect(waiting?.message).toMatch(/^This account had several failed sign-in attempts/);
    await sleep(1100);
    expect(await outcome(signIn(email, "guess", "203.0.113.3"))).toMatch(/^UNAUTHORIZED/);
    expect(await refusal(signIn(email, PASSWORD, "198.51.100.21"))).toMatchObject({ retryAfter: 2 });
    await sleep(2100);
    expect(await outcome(signIn(email, "guess", "203.0.113.4"))).toMatch(/^UNAUTHORIZED/);
    expect(await refusal(signIn(email, PASSWORD, "198.51.100.21"))).toMatchObject({ retryAfter: 2 });
    await sleep(2100);
    // The owner, after the wait, gets in; and that ends the delay.
    await expect(signIn(email, PASSWORD, "198.51.100.21")).resolves.toMatchObject({ email });
    expect(await outcome(signIn(email, "typo", "198.51.100.21"))).toMatch(/^UNAUTHORIZED/);
  });
});

describe("sign-in throttling per IP", () => {
  it("refuses an IP past its failure budget, across emails, saying when to retry; other IPs are unaffected", async () => {
    configureAbuseLimits({ signInFailuresPerIpPerHour: 3 });
    const ip = "203.0.113.7";
    for (let i = 0; i < 3; i++) expect(await outcome(signIn(`${newId("x")}@example.test`, "wrong", ip))).toMatch(/^UNAUTHORIZED/);
    const refused = await refusal(signIn(await user(), PASSWORD, ip));
    expect(refused).toMatchObject({ code: "RATE_LIMITED" });
    expect(refused?.message).toMatch(/^Too many failed sign-in attempts from your network\. Try again in (\d+ minutes|1 hour)\.$/);
    expect(refused!.retryAfter).toBeGreaterThan(3500);
    await expect(signIn(await user(), PASSWORD, "198.51.100.1")).resolves.toBeTruthy();
  });

  it("does not count successful sign-ins against the IP", async () => {
    configureAbuseLimits({ signInFailuresPerIpPerHour: 3 });
    const ip = "203.0.113.8";
    const email = await user();
    await signIn(email, "wrong", ip).catch(() => {});
    await signIn(email, "wrong", ip).catch(() => {});
    for (let i = 0; i < 3; i++) await expect(signIn(email, PASSWORD, ip)).resolves.toBeTruthy();
    expect(await outcome(signIn(email, "wrong", ip))).toMatch(/^UNAUTHORIZED/);
    expect(await outcome(signIn(email, PASSWORD, ip))).toMatch(/^RATE_LIMITED/);
  });
});

describe("configureAbuseLimits", () => {
  it("starts every counter from empty, so tests do not leak into each other", async () => {
    const email = await user();
    for (let i = 0; i < 3; i++) await signIn(email, "wrong").catch(() => {});
    expect(await outcome(signIn(email, PASSWORD))).toMatch(/^RATE_LIMITED/);
    configureAbuseLimits();
    await expect(signIn(email, PASSWORD)).resolves.toMatchObject({ email });
  });
});
