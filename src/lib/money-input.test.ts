import { describe, expect, it } from "vitest";
import { amountToMicros } from "@/lib/money-input";

describe("typed amounts as micro-units", () => {
  it("takes whole and two-decimal amounts exactly", () => {
    expect(amountToMicros("25")).toBe("25000000");
    expect(amountToMicros(" 49.9 ")).toBe("49900000");
    expect(amountToMicros("0.05")).toBe("50000");
    expect(amountToMicros("0")).toBe("0");
    expect(amountToMicros("-10.50", { negative: true })).toBe("-10500000");
  });

  it("refuses anything else, and negatives unless allowed", () => {
    for (const text of ["", "abc", "1.234", "1,50", "-5", "1e3"]) expect(amountToMicros(text)).toBeNull();
  });
});
