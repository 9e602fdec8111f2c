import { describe, expect, it } from "vitest";
import { clientIp } from "@/server/shared/client-ip";
import { describeWait, RateLimiterMemory, take } from "@/server/shared/rate-limit";

describe("take", () => {
  it("spends the budget, then refuses with whole seconds until it refills", async () => {
    const limiter = new RateLimiterMemory({ points: 2, duration: 60 });
    expect(await take(limiter, "k")).toEqual({ ok: true, consumed: 1, remaining: 1 });
    expect(await take(limiter, "k")).toMatchObject({ ok: true, remaining: 0 });
    const refused = await take(limiter, "k");
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.retryAfter).toBeGreaterThan(58);
  });
});

describe("describeWait", () => {
  it("rounds up, so the user is never told to come back too early", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(59)).toBe("59 seconds");
    expect(describeWait(61)).toBe("2 minutes");
    expect(describeWait(900)).toBe("15 minutes");
    expect(describeWait(3599)).toBe("1 hour");
    expect(describeWait(7200)).toBe("2 hours");
  });
});

describe("clientIp", () => {
  it("takes the address our proxy appended, not what the client put in front", () => {
    expect(clientIp("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIp("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientIp("203.0.113.9", 3)).toBe("203.0.113.9");
    expect(clientIp(null)).toBeNull();
    expect(clientIp(" , ")).toBeNull();
  });
});
