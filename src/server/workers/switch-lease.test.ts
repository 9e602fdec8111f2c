import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { acquireSwitchLease } from "./acquire-switch-lease";
import { releaseSwitchLease } from "./release-switch-lease";
import { renewSwitchLease } from "./renew-switch-lease";
import { findSwitchLease, lockSwitchLease, SwitchLeaseNotHeldError } from "./switch-lease";

let n = 0;
const freshSwitch = () => `fs-lease-${++n}`;
const acquire = (switchId: string, workerId: string, ttlMs = 60_000) => acquireSwitchLease(db, { switchId, workerId, hostname: `host-of-${workerId}`, ttlMs });

describe("acquireSwitchLease", () => {
  it("gives a free switch to the first worker and refuses a second one while the lease is live, naming the holder", async () => {
    const switchId = freshSwitch();
    const first = await acquire(switchId, "w-a");
    expect(first).toMatchObject({ acquired: true, lease: { switchId, workerId: "w-a", hostname: "host-of-w-a" } });
    if (!first.acquired) throw new Error("unreachable");
    expect(first.lease.expiresAt.getTime() - first.lease.renewedAt.getTime()).toBe(60_000);

    const second = await acquire(switchId, "w-b");
    expect(second).toEqual({ acquired: false, holder: first.lease });
    expect(await findSwitchLease(db, switchId)).toEqual(first.lease);
  });

  it("two workers asking at the same moment: exactly one gets the switch", async () => {
    const switchId = freshSwitch();
    const results = await Promise.all(["w-1", "w-2", "w-3", "w-4"].map((w) => acquire(switchId, w)));
    const winners = results.filter((r) => r.acquired);
    expect(winners).toHaveLength(1);
    const holder = (await findSwitchLease(db, switchId))!.workerId;
    for (const r of results) if (!r.acquired) expect(r.holder.workerId).toBe(holder);
  });

  it("takes over a lease that lapsed (its holder crashed), from a new acquiredAt", async () => {
    const switchId = freshSwitch();
    await acquire(switchId, "w-dead", 0);
    const next = await acquire(switchId, "w-next");
    expect(next).toMatchObject({ acquired: true, lease: { workerId: "w-next", hostname: "host-of-w-next" } });
  });

  it("the holder asking again renews its own lease and keeps when it was acquired", async () => {
    const switchId = freshSwitch();
    const first = await acquire(switchId, "w-a", 1_000);
    const again = await acquire(switchId, "w-a", 60_000);
    if (!first.acquired || !again.acquired) throw new Error("not acquired");
    expect(again.lease.acquiredAt).toEqual(first.lease.acquiredAt);
    expect(again.lease.expiresAt.getTime()).toBeGreaterThan(first.lease.expiresAt.getTime());
  });
});

describe("renewSwitchLease", () => {
  it("extends the holder's lease, even one that lapsed while nobody took it", async () => {
    const switchId = freshSwitch();
    await acquire(switchId, "w-a", 0);
    const renewed = await renewSwitchLease(db, { switchId, workerId: "w-a", ttlMs: 15_000 });
    expect(renewed).toMatchObject({ renewed: true, lease: { workerId: "w-a" } });
    if (!renewed.renewed) throw new Error("unreachable");
    expect(renewed.lease.expiresAt.getTime() - renewed.lease.renewedAt.getTime()).toBe(15_000);
    expect((await acquire(switchId, "w-b")).acquired).toBe(false);
  });

  it("fails once another worker took the switch over, and names the new holder", async () => {
    const switchId = freshSwitch();
    await acquire(switchId, "w-a", 0);
    await acquire(switchId, "w-b");
    expect(await renewSwitchLease(db, { switchId, workerId: "w-a", ttlMs: 15_000 })).toMatchObject({ renewed: false, holder: { workerId: "w-b" } });
  });
});

describe("releaseSwitchLease", () => {
  it("frees the switch at once for the next worker, and never releases another worker's lease", async () => {
    const switchId = freshSwitch();
    await acquire(switchId, "w-a");
    expect(await releaseSwitchLease(db, { switchId, workerId: "w-b" })).toBe(false);
    expect((await findSwitchLease(db, switchId))?.workerId).toBe("w-a");
    expect(await releaseSwitchLease(db, { switchId, workerId: "w-a" })).toBe(true);
    expect(await acquire(switchId, "w-b")).toMatchObject({ acquired: true });
  });
});

describe("lockSwitchLease", () => {
  it("passes for the holder of a live lease and refuses anyone else, or a lapsed lease", async () => {
    const switchId = freshSwitch();
    await acquire(switchId, "w-a");
    await expect(db.$transaction((tx) => lockSwitchLease(tx, { switchId, workerId: "w-a" }))).resolves.toBeUndefined();
    await expect(db.$transaction((tx) => lockSwitchLease(tx, { switchId, workerId: "w-b" }))).rejects.toBeInstanceOf(SwitchLeaseNotHeldError);
    await acquire(switchId, "w-a", 0);
    await expect(db.$transaction((tx) => lockSwitchLease(tx, { switchId, workerId: "w-a" }))).rejects.toBeInstanceOf(SwitchLeaseNotHeldError);
  });

  it("holds off a takeover until the transaction that checked the lease has committed", async () => {
    const switchId = freshSwitch();
    await acquire(switchId, "w-a", 1_500);
    const order: string[] = [];
    const fenced = db.$transaction(async (tx) => {
      await lockSwitchLease(tx, { switchId, workerId: "w-a" });
      // The lease lapses while this transaction still works on the holder's behalf.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      order.push("holder committed");
    });
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const takeover = acquire(switchId, "w-b").then((r) => order.push(r.acquired ? "taken over" : "refused"));
    await Promise.all([fenced, takeover]);
    expect(order).toEqual(["holder committed", "taken over"]);
  });
});
