import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { callChangeFeed, type CallFeedEvent } from "@/server/calls/call-change-feed";
import { decodeCallChange, encodeCallChange, notifyCallsChanged } from "@/server/calls/notify-call-changed";

/** Collects a subscription's events until aborted. */
function collect(tenantId: string) {
  const controller = new AbortController();
  const events: CallFeedEvent[] = [];
  const done = (async () => {
    for await (const e of callChangeFeed().subscribe(tenantId, controller.signal)) events.push(e);
  })();
  return { events, stop: async () => (controller.abort(), await done) };
}

async function until(check: () => boolean, what: string, ms = 5000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterAll(() => callChangeFeed().close());

describe("call change feed (LISTEN/NOTIFY)", () => {
  it("round-trips the payload and refuses foreign payloads", () => {
    const change = { tenantId: "tn_01abc", callId: newSid("CA"), status: "RINGING" as const };
    expect(decodeCallChange(encodeCallChange(change))).toEqual(change);
    expect(decodeCallChange("tn_1:not-a-call:RINGING")).toBeNull();
    expect(decodeCallChange("something else")).toBeNull();
  });

  it("delivers a committed change to the tenant's subscribers only, and nothing for a rolled-back one", async () => {
    await callChangeFeed().ready();
    const a = collect("tn_a");
    const b = collect("tn_b");
    const callId = newSid("CA");
    await expect(
      db.$transaction(async (tx) => {
        await notifyCallsChanged(tx, [{ tenantId: "tn_a", callId: newSid("CA"), status: "FAILED" }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await db.$transaction((tx) => notifyCallsChanged(tx, [{ tenantId: "tn_a", callId, status: "RINGING" }, { tenantId: "tn_a", callId, status: "IN_PROGRESS" }]));
    await until(() => a.events.length === 2, "two changes for tenant a");
    expect(a.events).toEqual([
      { kind: "changed", tenantId: "tn_a", callId, status: "RINGING" },
      { kind: "changed", tenantId: "tn_a", callId, status: "IN_PROGRESS" },
    ]);
    await new Promise((r) => setTimeout(r, 100));
    expect(b.events).toEqual([]);
    await a.stop();
    await b.stop();
  });

  it("reconnects after the LISTEN connection is killed, tells subscribers to resync, and delivers again", async () => {
    await callChangeFeed().ready();
    const sub = collect("tn_c");
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'irisx-call-feed' AND datname = current_database()`;
    await until(() => sub.events.some((e) => e.kind === "resync"), "a resync after reconnecting", 15_000);
    const callId = newSid("CA");
    await notifyCallsChanged(db, [{ tenantId: "tn_c", callId, status: "COMPLETED" }]);
    await until(() => sub.events.some((e) => e.kind === "changed" && e.callId === callId), "the change after reconnecting");
    await sub.stop();
  });
});
