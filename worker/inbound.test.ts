import { describe, expect, it } from "vitest";
import { normalizeCallerId } from "./inbound";

describe("normalizeCallerId", () => {
  it.each([
    ["+14155550123", "+14155550123"],
    ["+442071838750", "+442071838750"],
    ["14155550123", "+14155550123"],
    ["4155550123", "+14155550123"],
    ["+1 (415) 555-0123", "+14155550123"],
    ["415.555.0123", "+14155550123"],
  ])("reads the phone number %s as %s (E.164)", (raw, stored) => {
    expect(normalizeCallerId(raw)).toBe(stored);
  });

  it.each([
    "5551000", // an extension or a short code: no `+` invented
    "anonymous",
    "alice", // the user part of sip:alice@example.com
    "0000000000", // FreeSWITCH's stand-in when there is no caller id: not a NANP number
    "1234567890", // ten digits, but no area code starts with 1
    "442071838750", // an international number without its `+`: which country is a guess
    "Alice Smith",
  ])("keeps %s exactly as the switch sent it", (raw) => {
    expect(normalizeCallerId(raw)).toBe(raw);
  });

  it("reads a missing or blank caller id as anonymous", () => {
    expect(normalizeCallerId(undefined)).toBe("anonymous");
    expect(normalizeCallerId("  ")).toBe("anonymous");
  });
});
