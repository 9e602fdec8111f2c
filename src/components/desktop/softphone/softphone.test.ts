import { describe, expect, it } from "vitest";
import { gradeCallQuality } from "./call-quality";
import { reconnectDelayMs, softphoneWsUrl } from "./use-softphone";

const report = (entries: Record<string, unknown>[]) => new Map(entries.map((e, i) => [String(i), e])) as unknown as RTCStatsReport;

describe("the softphone's pure parts", () => {
  it("reaches the switch at the configured URL, else the page's host on ws 5066 / wss 7443", () => {
    expect(softphoneWsUrl({ wsUrl: "wss://sip.example.com:7443" }, { protocol: "http:", hostname: "x" })).toBe("wss://sip.example.com:7443");
    expect(softphoneWsUrl({ wsUrl: null }, { protocol: "http:", hostname: "127.0.0.1" })).toBe("ws://127.0.0.1:5066");
    expect(softphoneWsUrl({ wsUrl: null }, { protocol: "https:", hostname: "cc.example.com" })).toBe("wss://cc.example.com:7443");
  });

  it("reconnects after 1 s, doubling to at most 30 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(reconnectDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("grades a call from its statistics: loss, jitter and round trip", () => {
    expect(gradeCallQuality(report([{ type: "outbound-rtp" }]))).toBeNull();
    expect(gradeCallQuality(report([{ type: "inbound-rtp", packetsReceived: 1000, packetsLost: 0, jitter: 0.005 }, { type: "candidate-pair", nominated: true, currentRoundTripTime: 0.02 }]))).toEqual({ grade: "good", lossPercent: 0, jitterMs: 5, rttMs: 20 });
    expect(gradeCallQuality(report([{ type: "inbound-rtp", packetsReceived: 980, packetsLost: 20, jitter: 0.01 }]))?.grade).toBe("fair");
    expect(gradeCallQuality(report([{ type: "inbound-rtp", packetsReceived: 900, packetsLost: 100, jitter: 0.01 }]))).toMatchObject({ grade: "poor", lossPercent: 10 });
    expect(gradeCallQuality(report([{ type: "inbound-rtp", packetsReceived: 1000, packetsLost: 0, jitter: 0.09 }]))?.grade).toBe("poor");
  });
});
