import { describe, expect, it } from "vitest";
import { resolveRequestId } from "./request-id";

describe("resolveRequestId", () => {
  it("keeps a plain id the caller sent", () => {
    expect(resolveRequestId("req_01JABCDEF-xyz")).toBe("req_01JABCDEF-xyz");
  });

  it.each([null, "", "short", "has space in it", "line\nbreak-injected-id", "x".repeat(129)])("replaces %j with a fresh UUID", (incoming) => {
    expect(resolveRequestId(incoming)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
