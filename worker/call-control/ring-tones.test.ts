import { describe, expect, it } from "vitest";
import { defaultRingTone, RING_TONES, ringToneFor } from "./ring-tones";

describe("ring tones", () => {
  it("a ringTone names its country's tone; an unknown one has none", () => {
    expect(ringToneFor("uk")).toBe("%(400,200,400,450);%(400,2000,400,450)");
    expect(ringToneFor("DE")).toBe("%(1000,4000,425)");
    expect(ringToneFor("zz")).toBeNull();
  });

  it("without one, the first dialled number's country decides; SIP URIs and unknown countries ring North American", () => {
    expect(defaultRingTone("+442071838750")).toBe(RING_TONES.uk);
    expect(defaultRingTone("+33142685300")).toBe(RING_TONES.fr);
    expect(defaultRingTone("+14155550100")).toBe(RING_TONES.us);
    expect(defaultRingTone(null)).toBe(RING_TONES.us);
    expect(defaultRingTone("+999123")).toBe(RING_TONES.us);
  });

  it("every tone is TGML the switch takes: cadences of on, off and one or two frequencies", () => {
    for (const tone of Object.values(RING_TONES)) expect(tone).toMatch(/^%\(\d+,\d+,\d+(,\d+)?\)(;%\(\d+,\d+,\d+(,\d+)?\))*$/);
  });
});
