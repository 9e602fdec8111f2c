import { describe, expect, it } from "vitest";
import { formatTwilioNumber, formatTwilioPrice } from "@/server/twilio/twilio-call-view";

describe("Twilio call view formatting", () => {
  it("writes a charge in micro-units as Twilio's negative five-decimal price", () => {
    expect(formatTwilioPrice(null)).toBeNull();
    expect(formatTwilioPrice(0n)).toBe("0.00000");
    expect(formatTwilioPrice(14_000n)).toBe("-0.01400");
    expect(formatTwilioPrice(1_234_567n)).toBe("-1.23457");
    expect(formatTwilioPrice(4n)).toBe("0.00000");
    expect(formatTwilioPrice(-5_000n)).toBe("0.00500");
  });

  it("formats North American numbers nationally and leaves others in E.164", () => {
    expect(formatTwilioNumber("+14155550123")).toBe("(415) 555-0123");
    expect(formatTwilioNumber("+442071838750")).toBe("+442071838750");
    expect(formatTwilioNumber("client:alice")).toBe("client:alice");
  });
});
