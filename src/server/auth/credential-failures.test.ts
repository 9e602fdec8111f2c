import { beforeEach, describe, expect, it } from "vitest";
import { authenticateThrottled, configureCredentialFailureLimits } from "@/server/auth/credential-failures";
import { AppError } from "@/server/errors";

const wrong = () => Promise.reject(new AppError("UNAUTHORIZED", "invalid API key"));
const right = () => Promise.resolve("principal");
const codeOf = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof AppError ? e.code : String(e)));

beforeEach(() => configureCredentialFailureLimits({ perAddress: 5, perKey: 3 }));

describe("failed API-key and Auth-Token attempts", () => {
  it("an address that keeps failing is refused, even with right credentials, while other addresses are not", async () => {
    for (let i = 0; i < 5; i++) expect(await codeOf(authenticateThrottled({ ip: "203.0.113.1", keyId: `AK${i}` }, wrong))).toBe("UNAUTHORIZED");
    const refused = await authenticateThrottled({ ip: "203.0.113.1", keyId: "AKgood" }, right).catch((e: unknown) => e as AppError);
    expect((refused as AppError).code).toBe("RATE_LIMITED");
    expect((refused as AppError).retryAfter).toBeGreaterThan(0);
    expect(await authenticateThrottled({ ip: "198.51.100.2", keyId: "AKgood" }, right)).toBe("principal");
  });

  it("a key guessed at from many addresses answers wrong secrets 429, and still lets its right secret in", async () => {
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await codeOf(authenticateThrottled({ ip: `203.0.113.${10 + i}`, keyId: "AKvictim" }, wrong)));
    expect(outcomes).toEqual(["UNAUTHORIZED", "UNAUTHORIZED", "UNAUTHORIZED", "RATE_LIMITED", "RATE_LIMITED"]);
    expect(await authenticateThrottled({ ip: "198.51.100.3", keyId: "AKvictim" }, right)).toBe("principal");
  });

  it("other failures (a suspended account, a missing scope) are not counted", async () => {
    for (let i = 0; i < 10; i++) {
      await authenticateThrottled({ ip: "203.0.113.30", keyId: "AKx" }, () => Promise.reject(new AppError("FORBIDDEN", "scope"))).catch(() => undefined);
    }
    expect(await authenticateThrottled({ ip: "203.0.113.30", keyId: "AKx" }, right)).toBe("principal");
  });
});
