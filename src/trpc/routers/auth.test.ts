// The public identity procedures pass the caller's IP to the abuse limits and report throttling as
// TOO_MANY_REQUESTS; a user removed from every tenant keeps no tenant access.
import type { TRPCError } from "@trpc/server";
import { beforeEach, describe, expect, it } from "vitest";
import { configureAbuseLimits } from "@/server/auth/abuse-limits";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { createCallerFactory, createTrpcContext } from "@/trpc/init";
import type { SessionUser } from "@/server/auth/session";
import { appRouter } from "@/trpc/routers/_app";

const createCaller = createCallerFactory(appRouter);
const caller = (forwardedFor: string, user: SessionUser | null = null) =>
  createCaller(createTrpcContext({ headers: new Headers({ "x-forwarded-for": forwardedFor }), getUser: async () => user }));
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as TRPCError);

beforeEach(() => configureAbuseLimits());

describe("auth router throttling", () => {
  it("limits sign-ups per client IP, whatever the client puts in front of X-Forwarded-For", async () => {
    configureAbuseLimits({ signUpsPerIpPerHour: 1 });
    const input = () => ({ name: "Ada", email: `${newId("s")}@example.test`, password: "correct horse battery", companyName: "Engines" });
    await caller("1.1.1.1, 203.0.113.30").auth.signUp(input());
    const err = await failure(caller("9.9.9.9, 203.0.113.30").auth.signUp(input()));
    expect(err?.code).toBe("TOO_MANY_REQUESTS");
    expect(err?.cause).toBeInstanceOf(AppError);
    expect((err?.cause as AppError).retryAfter).toBeGreaterThan(0);
    expect(err?.message).toMatch(/Try again in/);
  });

  it("answers password reset requests the same for unknown addresses until the IP budget is spent", async () => {
    configureAbuseLimits({ passwordResetsPerIpPerHour: 1 });
    await expect(caller("203.0.113.31").auth.requestPasswordReset({ email: "ghost@example.test" })).resolves.toEqual({ ok: true });
    expect((await failure(caller("203.0.113.31").auth.requestPasswordReset({ email: "ghost@example.test" })))?.code).toBe("TOO_MANY_REQUESTS");
  });
});

describe("membership removal", () => {
  it("a user removed from every tenant is refused tenant procedures on the next request", async () => {
    const { user } = await createTestTenant();
    const session: SessionUser = { id: user.id, email: user.email, name: user.name, isPlatformStaff: false };
    await expect(caller("203.0.113.32", session).team.members()).resolves.toBeTruthy();
    await db.membership.deleteMany({ where: { userId: user.id } });
    expect((await failure(caller("203.0.113.32", session).team.members()))?.code).toBe("NOT_FOUND");
  });
});

describe("input PostgreSQL cannot store", () => {
  it("a NUL character anywhere in the input is refused as BAD_REQUEST naming the field, before any use-case runs", async () => {
    const input = { name: "Ada\u0000Lovelace", email: `${newId("s")}@example.test`, password: "correct horse battery", companyName: "Engines" };
    const err = await failure(caller("203.0.113.31").auth.signUp(input));
    expect(err?.code).toBe("BAD_REQUEST");
    expect((err?.cause as AppError).details).toEqual({ fieldErrors: { name: [expect.stringMatching(/NUL character/)] } });
    expect(await db.user.count({ where: { email: input.email } })).toBe(0);
  });
});

describe("cross-site requests", () => {
  const from = (headers: Record<string, string>) => createCaller(createTrpcContext({ headers: new Headers({ host: "app.irisx.test", ...headers }), getUser: async () => null }));
  const input = () => ({ name: "Ada", email: `${newId("s")}@example.test`, password: "correct horse battery", companyName: "Engines" });

  it("refuses a mutation another site's page sends (Origin or Sec-Fetch-Site), before it runs", async () => {
    const forged = input();
    const err = await failure(from({ origin: "https://evil.example", "x-forwarded-for": "203.0.113.40" }).auth.signUp(forged));
    expect(err?.code).toBe("FORBIDDEN");
    expect(await db.user.count({ where: { email: forged.email } })).toBe(0);
    expect((await failure(from({ "sec-fetch-site": "cross-site", "x-forwarded-for": "203.0.113.41" }).auth.signUp(input())))?.code).toBe("FORBIDDEN");
  });

  it("accepts the app's own pages, and clients that are not browsers", async () => {
    await from({ origin: "https://app.irisx.test", "sec-fetch-site": "same-origin", "x-forwarded-for": "203.0.113.42" }).auth.signUp(input());
    await from({ "x-forwarded-for": "203.0.113.43" }).auth.signUp(input());
    // Reads are not refused: another site cannot read the answer anyway.
    expect(await from({ origin: "https://evil.example" }).auth.me()).toBeNull();
  });
});
