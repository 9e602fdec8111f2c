import { decodeTime, isValid } from "ulid";
import { describe, expect, it } from "vitest";
import { newId, newSid } from "@/server/shared/ids";

describe("ids from the pooled random buffer", () => {
  it("newId is a valid, time-ordered ULID with its prefix, unique over many draws (past several pool refills)", () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => newId("cev"));
    expect(new Set(ids).size).toBe(ids.length);
    // Monotonic: made one after another (many within one millisecond), they sort in the order they were made.
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 50)) {
      expect(id).toMatch(/^cev_[0-9a-hjkmnp-tv-z]{26}$/);
      const ulid = id.slice(4).toUpperCase();
      expect(isValid(ulid)).toBe(true);
      expect(decodeTime(ulid)).toBeGreaterThanOrEqual(before);
    }
  });

  it("newSid is the prefix and 32 hex digits, unique, with every hex digit about equally likely", () => {
    const sids = Array.from({ length: 20_000 }, () => newSid("CA"));
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids.every((s) => /^CA[0-9a-f]{32}$/.test(s))).toBe(true);
    const counts = new Map<string, number>();
    for (const s of sids) for (const c of s.slice(2)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (sids.length * 32) / 16;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.05);
  });
});
