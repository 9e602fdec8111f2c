import { afterEach, describe, expect, it, vi } from "vitest";
import { onShutdown, resetShutdownForTests, runShutdownHooks } from "./shutdown";

const log = { info: vi.fn(), error: vi.fn() };
afterEach(() => resetShutdownForTests());

describe("runShutdownHooks", () => {
  it("runs hooks once, in registration order, even when one fails", async () => {
    const order: string[] = [];
    onShutdown("relay", async () => void order.push("relay"));
    onShutdown("broken", () => {
      throw new Error("boom");
    });
    onShutdown("database", async () => void order.push("database"));
    await Promise.all([runShutdownHooks({ deadlineMs: 1000, log }), runShutdownHooks({ deadlineMs: 1000, log })]);
    expect(order).toEqual(["relay", "database"]);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ hook: "broken" }), "shutdown: hook failed");
  });

  it("gives up on a hook that outlives the deadline", async () => {
    onShutdown("stuck", () => new Promise<void>(() => undefined));
    const started = Date.now();
    await runShutdownHooks({ deadlineMs: 100, log });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(log.error).toHaveBeenCalledWith({ deadlineMs: 100 }, "shutdown: deadline reached, giving up on remaining hooks");
  });
});
