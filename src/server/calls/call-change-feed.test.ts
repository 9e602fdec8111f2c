import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { callChangeFeed, type CallFeedEvent } from "@/server/calls/call-change-feed";
import { callTransaction, writeCallTransitions } from "@/server/calls/call-transitions";
import { createCall } from "@/server/calls/create-call";
import { announceCallChanges, decodeCallChange, encodeCallChange } from "@/server/calls/notify-call-changed";
import { createVoiceTenant } from "@/test/call-fixtures";

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
    const { actor, number, tenant } = await createVoiceTenant();
    const other = await createVoiceTenant();
    const mine = collect(tenant.id);
    const theirs = collect(other.tenant.id);
    const call = await createCall(actor, { to: "+14155550123", from: number.e164, instructions: [{ hangup: true }] }, { surface: "native" });
    await until(() => mine.events.length === 1, "the queued call");

    const ringing = (tx: Parameters<Parameters<typeof callTransaction>[0]>[0]) =>
      writeCallTransitions(tx, [{ call: { ...call, status: "RINGING" }, accountSid: "AC0", type: "ringing", status: "RINGING", at: new Date(), sequence: 2 }]);
    await expect(
      callTransaction(async (tx) => {
        await ringing(tx);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await callTransaction(ringing);
    await until(() => mine.events.length === 2, "the committed change");
    await new Promise((r) => setTimeout(r, 100));
    expect(mine.events).toEqual([
      { kind: "changed", tenantId: tenant.id, callId: call.id, status: "QUEUED" },
      { kind: "changed", tenantId: tenant.id, callId: call.id, status: "RINGING" },
    ]);
    expect(theirs.events).toEqual([]);
    await mine.stop();
    await theirs.stop();
  });

  it("reconnects after the LISTEN connection is killed, tells subscribers to resync, and delivers again", async () => {
    await callChangeFeed().ready();
    const sub = collect("tn_c");
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'irisx-call-feed' AND datname = current_database()`;
    await until(() => sub.events.some((e) => e.kind === "resync"), "a resync after reconnecting", 15_000);
    const callId = newSid("CA");
    announceCallChanges([{ tenantId: "tn_c", callId, status: "COMPLETED" }]);
    await until(() => sub.events.some((e) => e.kind === "changed" && e.callId === callId), "the change after reconnecting");
    await sub.stop();
  });
});
