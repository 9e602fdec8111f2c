import { describe, expect, it, vi } from "vitest";
import { processState } from "@/server/shared/process-state";

describe("processState", () => {
  it("creates a value once per process and hands every caller (every bundled copy of a module) the same one", async () => {
    const create = vi.fn(() => new Map<string, number>());
    const a = processState("test.map", create);
    a.set("k", 1);
    // A second copy of the calling module (as Next.js bundles per route chunk) is simulated by a fresh import.
    vi.resetModules();
    const again = (await import("@/server/shared/process-state")).processState("test.map", () => new Map<string, number>());
    expect(again).toBe(a);
    expect(again.get("k")).toBe(1);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
