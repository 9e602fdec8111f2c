import { describe, expect, it } from "vitest";
import { Batcher, type Settled } from "./batcher";

const ok = <R>(value: R): Settled<R> => ({ ok: true, value });

describe("Batcher", () => {
  it("applies a lone item at once, and groups what arrives while a batch is in flight (up to maxBatch)", async () => {
    const seen: number[][] = [];
    let release: (() => void) | null = null;
    const batcher = new Batcher<number, number>(async (items) => {
      seen.push(items);
      if (items[0] === 0) await new Promise<void>((r) => (release = r));
      return items.map((i) => ok(i * 10));
    }, 3);
    const first = batcher.submit(0);
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([[0]]);
    const rest = [1, 2, 3, 4, 5].map((i) => batcher.submit(i));
    release!();
    expect(await first).toBe(0);
    expect(await Promise.all(rest)).toEqual([10, 20, 30, 40, 50]);
    expect(seen).toEqual([[0], [1, 2, 3], [4, 5]]);
    expect(batcher.health()).toMatchObject({ batches: 3, items: 6, largest: 3, pending: 0 });
  });

  it("settles each item on its own, and when a whole batch throws retries its items one by one so a bad one fails alone", async () => {
    const calls: number[][] = [];
    const batcher = new Batcher<number, string>(async (items) => {
      calls.push(items);
      if (items.includes(13) && items.length > 1) throw new Error("deadlock detected");
      return items.map((i): Settled<string> => (i === 13 ? { ok: false, error: new Error("unlucky") } : i === 7 ? { ok: false, error: new Error("not found") } : ok(`#${i}`)));
    }, 10);
    const results = await Promise.allSettled([5, 7, 13, 21].map((i) => batcher.submit(i)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["#5", "not found", "unlucky", "#21"]);
    expect(calls).toEqual([[5, 7, 13, 21], [5], [7], [13], [21]]);
  });
});
