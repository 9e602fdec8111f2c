import { describe, expect, it } from "vitest";
import { senderKind, senderSegmentsPerSecond, ThroughputPacer } from "@/server/messages/message-throughput";

describe("message throughput", () => {
  it("rates a sender by its kind unless it has its own figure", () => {
    expect(senderKind("+14155550100")).toBe("long_code");
    expect(senderKind("+18885550100")).toBe("toll_free");
    expect(senderKind("55555")).toBe("short_code");
    expect(senderSegmentsPerSecond("+14155550100", null)).toBe(1);
    expect(senderSegmentsPerSecond("+18335550100", null)).toBe(3);
    expect(senderSegmentsPerSecond("55555", null)).toBe(100);
    expect(senderSegmentsPerSecond("+14155550100", 75)).toBe(75);
  });

  it("spaces a long code's segments one second apart and a 3-segment message takes three slots", () => {
    const pacer = new ThroughputPacer();
    const at = (segments: number) => pacer.reserve({ sender: "+14155550100", senderRate: 1, segments, tenant: "t", tenantRate: 100, now: 0 });
    expect(at(1)).toBe(0);
    expect(at(3)).toBe(1000);
    expect(at(1)).toBe(4000);
  });

  it("holds a tenant to its message rate across senders, and senders of other tenants apart", () => {
    const pacer = new ThroughputPacer();
    const starts = ["+1", "+2", "+3", "+4"].map((s) => pacer.reserve({ sender: s, senderRate: 100, segments: 1, tenant: "t", tenantRate: 2, now: 0 }));
    expect(starts).toEqual([0, 500, 1000, 1500]);
    expect(pacer.reserve({ sender: "+1", senderRate: 100, segments: 1, tenant: "other", tenantRate: 2, now: 0 })).toBe(0);
  });
});

describe("ThroughputPacer bookings", () => {
  it("lets a booked message go at its slot instead of booking it again", () => {
    const pacer = new ThroughputPacer();
    const book = (id: string, now: number) => pacer.takeBooking(id) ?? pacer.reserve({ id, sender: "+1", senderRate: 1, segments: 1, tenant: "t", tenantRate: 100, now });
    expect(book("a", 0)).toBe(0);
    expect(book("b", 0)).toBe(1000);
    // b comes due at 1000: it goes then, not at 2000.
    expect(book("b", 1000)).toBe(1000);
    expect(book("c", 1000)).toBe(2000);
  });
});
