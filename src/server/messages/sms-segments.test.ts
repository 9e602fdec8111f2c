import { describe, expect, it } from "vitest";
import { countSmsSegments } from "@/server/messages/sms-segments";

describe("countSmsSegments", () => {
  it("fits 160 GSM-7 characters in one segment and splits 161 into two of 153", () => {
    expect(countSmsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", numSegments: 1, units: 160, unitsPerSegment: 160 });
    expect(countSmsSegments("a".repeat(161))).toMatchObject({ encoding: "GSM-7", numSegments: 2, unitsPerSegment: 153 });
    expect(countSmsSegments("a".repeat(306)).numSegments).toBe(2);
    expect(countSmsSegments("a".repeat(307)).numSegments).toBe(3);
  });

  it("counts extension-table characters as two septets and never splits an escape pair", () => {
    expect(countSmsSegments("€".repeat(80))).toMatchObject({ encoding: "GSM-7", units: 160, numSegments: 1 });
    expect(countSmsSegments("€".repeat(81))).toMatchObject({ encoding: "GSM-7", units: 162, numSegments: 2 });
    // 152 plain septets then an escape pair: the pair does not fit in the first segment's last septet.
    expect(countSmsSegments("a".repeat(152) + "[" + "a".repeat(10)).numSegments).toBe(2);
    expect(countSmsSegments("a".repeat(152) + "[" + "a".repeat(152)).numSegments).toBe(3);
  });

  it("treats the GSM basic alphabet's accented letters and symbols as GSM-7", () => {
    expect(countSmsSegments("Ça coûte 5£ à Öland?").encoding).toBe("UCS-2"); // û is not in the alphabet
    expect(countSmsSegments("Ça coute 5£ à Öland? ¿Ñ@ΔΩ").encoding).toBe("GSM-7");
    expect(countSmsSegments("").numSegments).toBe(1);
  });

  it("switches to UCS-2 for other characters: 70 alone, 67 per concatenated segment", () => {
    expect(countSmsSegments("ж".repeat(70))).toEqual({ encoding: "UCS-2", numSegments: 1, units: 70, unitsPerSegment: 70 });
    expect(countSmsSegments("ж".repeat(71))).toMatchObject({ encoding: "UCS-2", numSegments: 2, unitsPerSegment: 67 });
    expect(countSmsSegments("ж".repeat(134)).numSegments).toBe(2);
    expect(countSmsSegments("ж".repeat(135)).numSegments).toBe(3);
  });

  it("counts an emoji as two UCS-2 units and keeps its surrogate pair in one segment", () => {
    expect(countSmsSegments("😀".repeat(35))).toMatchObject({ encoding: "UCS-2", units: 70, numSegments: 1 });
    // 66 units then an emoji: the pair would straddle the boundary, so it starts segment 2.
    expect(countSmsSegments("ж".repeat(66) + "😀" + "ж".repeat(10)).numSegments).toBe(2);
    expect(countSmsSegments("ж".repeat(66) + "😀" + "ж".repeat(65)).numSegments).toBe(2);
    expect(countSmsSegments("ж".repeat(66) + "😀" + "ж".repeat(66)).numSegments).toBe(3);
  });
});
