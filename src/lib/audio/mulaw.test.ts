import { describe, expect, it } from "vitest";
import { decodeMulaw, encodeMulaw, encodeMulawSample } from "./mulaw";

describe("G.711 μ-law", () => {
  it("encodes silence as 0xFF and the extremes as 0x80 / 0x00, as G.711 tables give", () => {
    expect(encodeMulawSample(0)).toBe(0xff);
    expect(encodeMulawSample(32767)).toBe(0x80);
    expect(encodeMulawSample(-32768)).toBe(0x00);
    expect(decodeMulaw(Uint8Array.of(0xff, 0x80, 0x00))).toEqual(Int16Array.of(0, 32124, -32124));
  });

  it("round-trips a tone within μ-law's quantisation error", () => {
    const tone = Int16Array.from({ length: 160 }, (_, i) => Math.round(Math.sin((2 * Math.PI * 440 * i) / 8000) * 12000));
    const back = decodeMulaw(encodeMulaw(tone));
    for (let i = 0; i < tone.length; i++) expect(Math.abs(back[i]! - tone[i]!)).toBeLessThanOrEqual(Math.abs(tone[i]!) / 16 + 8);
  });
});
