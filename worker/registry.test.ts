import { describe, expect, it } from "vitest";
import type { Logger } from "@/server/logger";
import { WakeableLoop } from "./registry";

const log = { error: () => undefined } as unknown as Logger;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("WakeableLoop", () => {
  it("runs a woken tick after the least gap, and a burst of wakes as one tick", async () => {
    let ticks = 0;
    const loop = new WakeableLoop("t", 60_000, async () => void ticks++, log, 20);
    loop.start();
    await sleep(10);
    expect(ticks).toBe(1); // the first tick runs at start
    for (let i = 0; i < 50; i++) loop.wake();
    await sleep(60);
    expect(ticks).toBe(2);
    await loop.stop();
  });

  it("defers wakes while deferWakesUntil holds, then runs one tick; lifting it wakes at the usual gap again", async () => {
    let ticks = 0;
    const loop = new WakeableLoop("t", 60_000, async () => void ticks++, log, 5);
    loop.start();
    await sleep(10);
    loop.deferWakesUntil(Date.now() + 150);
    for (let i = 0; i < 20; i++) {
      loop.wake();
      await sleep(5);
    }
    expect(ticks).toBe(1); // 100 ms of wakes, none ran yet
    await sleep(100);
    expect(ticks).toBe(2); // one tick at the end of the hold
    loop.deferWakesUntil(0);
    loop.wake();
    await sleep(30);
    expect(ticks).toBe(3);
    await loop.stop();
  });
});
