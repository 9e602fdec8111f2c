import type http from "node:http";
import { describe, expect, it } from "vitest";
import { clientIp, directPeerIp } from "@/server/shared/client-ip";
import { describeWait, RateLimiterMemory, take } from "@/server/shared/rate-limit";
import { markPeer } from "@/server/shared/request-gate";

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
  it("takes the app's own peer (the last entry), or with proxies in front the entry they vouch for, never what the client put in front", () => {
    expect(clientIp("6.6.6.6, 203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientIp("6.6.6.6, 203.0.113.9, 10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientIp("203.0.113.9", 3)).toBe("203.0.113.9");
    expect(clientIp(null)).toBeNull();
    expect(clientIp(" , ")).toBeNull();
  });

  it("a client rotating X-Forwarded-For through the peer hook is still one address", () => {
    const seen = new Set<string | null>();
    for (let i = 0; i < 25; i++) {
      const req = { headers: { "x-forwarded-for": `10.0.0.${i}, 127.0.0.1` } as http.IncomingHttpHeaders, socket: { remoteAddress: "198.51.100.7" } } as http.IncomingMessage;
      markPeer(req);
      seen.add(clientIp(req.headers["x-forwarded-for"], 0));
    }
    expect([...seen]).toEqual(["198.51.100.7"]);
  });
});

describe("directPeerIp", () => {
  const headersOf = (sent: string | undefined, peer: string) => {
    const req = { headers: sent ? { "x-forwarded-for": sent } : {}, socket: { remoteAddress: peer } } as unknown as http.IncomingMessage;
    markPeer(req);
    return new Headers(req.headers as Record<string, string>);
  };
  it("is the socket's peer only when no X-Forwarded-For came with the request", () => {
    expect(directPeerIp(headersOf(undefined, "127.0.0.1"))).toBe("127.0.0.1");
    // A spoofed header from afar, and a request relayed by a proxy on this machine, are not "this machine".
    expect(directPeerIp(headersOf("127.0.0.1", "198.51.100.4"))).toBeNull();
    expect(directPeerIp(headersOf("198.51.100.4", "127.0.0.1"))).toBeNull();
    expect(directPeerIp(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBeNull();
  });
});

describe("take", () => {
  it("reads a refusal from another copy of the limiter library as a refusal (the production build can bundle two)", async () => {
    const foreignRefusal = { msBeforeNext: 1500, consumedPoints: 3, remainingPoints: 0, isFirstInDuration: false };
    const limiter = { consume: () => Promise.reject(foreignRefusal) } as unknown as RateLimiterMemory;
    expect(await take(limiter, "k")).toEqual({ ok: false, retryAfter: 2 });
    const broken = { consume: () => Promise.reject(new Error("store down")) } as unknown as RateLimiterMemory;
    await expect(take(broken, "k")).rejects.toThrow("store down");
  });
});
