import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { applyCallProgressBatch } from "@/server/calls/apply-call-progress";
import { createCall } from "@/server/calls/create-call";
import { finalizeCalls } from "@/server/calls/finalize-call";
import { claimAsWorker, createVoiceTenant } from "@/test/call-fixtures";

/** `perTenant` live calls for each of two tenants, claimed on `fs-batch` as the worker's originator would. */
async function liveCalls(perTenant: number) {
  const tenants = [await createVoiceTenant(), await createVoiceTenant()];
  // Claims see every queued call of the database; keep other tests' calls out of this one's claim.
  await db.call.updateMany({ where: { status: "QUEUED" }, data: { status: "CANCELED" } });
  for (const t of tenants) {
    for (let i = 0; i < perTenant; i++) {
      await createCall(t.actor, { to: "+15005550100", from: t.number.e164, instructions: [{ say: "hi" }], statusCallback: "https://example.com/s", statusCallbackEvents: ["ringing", "answered", "completed"] }, { surface: "native" });
    }
  }
  const claimed = await claimAsWorker({ switchId: "fs-batch", workerId: "w1", limit: 100 });
  expect(claimed).toHaveLength(perTenant * 2);
  return { tenants, calls: claimed };
}

const sec = (base: Date, s: number) => new Date(base.getTime() + s * 1000);

describe("applyCallProgressBatch", () => {
  it("moves many calls in one go, one call twice in order, and leaves late, unknown and final ones alone", async () => {
    const { calls } = await liveCalls(2);
    const [a, b, c, d] = calls as [(typeof calls)[number], (typeof calls)[number], (typeof calls)[number], (typeof calls)[number]];
    const t0 = a.initiatedAt!;
    await db.call.update({ where: { id: d.id }, data: { status: "COMPLETED" } });
    const results = await applyCallProgressBatch([
      { channelUuid: a.channelUuid!, status: "RINGING", at: sec(t0, 1) },
      { callId: b.id, status: "IN_PROGRESS", at: sec(t0, 2) },
      { channelUuid: a.channelUuid!, status: "IN_PROGRESS", at: sec(t0, 3) },
      { channelUuid: c.channelUuid!, status: "IN_PROGRESS", at: sec(t0, 4), answeredBy: "human" },
      { channelUuid: c.channelUuid!, status: "RINGING", at: sec(t0, 5) },
      { channelUuid: "00000000-0000-0000-0000-000000000000", status: "RINGING", at: sec(t0, 1) },
      { callId: d.id, status: "RINGING", at: sec(t0, 1) },
    ]);
    expect(results.map((r) => r.applied)).toEqual([true, true, true, true, false, false, false]);
    expect(results[5]!.call).toBeNull();
    expect(results[6]!.call?.status).toBe("COMPLETED");

    const rows = await db.call.findMany({ where: { id: { in: [a.id, b.id, c.id] } }, orderBy: { id: "asc" } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ status: "IN_PROGRESS", ringingAt: sec(t0, 1), answeredAt: sec(t0, 3), eventSequence: 4 });
    expect(byId.get(b.id)).toMatchObject({ status: "IN_PROGRESS", ringingAt: null, answeredAt: sec(t0, 2), eventSequence: 3 });
    expect(byId.get(c.id)).toMatchObject({ status: "IN_PROGRESS", answeredBy: "human", eventSequence: 3 });

    // The timeline and the callbacks of the call that moved twice, numbered in order.
    const events = await db.callEvent.findMany({ where: { callId: a.id }, orderBy: { sequence: "asc" }, select: { sequence: true, type: true } });
    expect(events).toEqual([
      { sequence: 1, type: "queued" },
      { sequence: 2, type: "initiated" },
      { sequence: 3, type: "ringing" },
      { sequence: 4, type: "answered" },
    ]);
    const callbacks = await db.callbackDelivery.findMany({ where: { callId: a.id }, orderBy: { sequence: "asc" }, select: { sequence: true, params: true } });
    expect(callbacks.map((cb) => [cb.sequence, (cb.params as { event: string }).event])).toEqual([
      [3, "call.ringing"],
      [4, "call.answered"],
    ]);
  });
});

describe("finalizeCalls", () => {
  it("ends many legs of two tenants in one transaction: one record each, one debit per tenant, ledger balances in order", async () => {
    const { tenants, calls } = await liveCalls(3);
    const t0 = calls[0]!.initiatedAt!;
    await applyCallProgressBatch(calls.map((c, i) => ({ callId: c.id, status: "IN_PROGRESS" as const, at: sec(t0, 1 + i) })));
    // 61 s billed as 120 s at $0.014/min = 28,000 micros; 30 s → 60 s → 14,000.
    const outcomes = await finalizeCalls(
      calls.map((c, i) => ({ channelUuid: c.channelUuid!, endedAt: sec(t0, 100 + i), hangupCause: "NORMAL_CLEARING", sipStatus: 200, billsec: i % 2 === 0 ? 61 : 30, durationSeconds: 90 })),
    );
    expect(outcomes.every((o) => o.ok && o.result.created)).toBe(true);
    expect(outcomes.map((o) => (o.ok ? o.result.call.id : null))).toEqual(calls.map((c) => c.id));
    expect(await db.callRecord.count({ where: { callId: { in: calls.map((c) => c.id) } } })).toBe(6);

    for (const t of tenants) {
      const mine = calls.filter((c) => c.tenantId === t.tenant.id);
      const costs = mine.map((c) => (calls.indexOf(c) % 2 === 0 ? 28_000n : 14_000n));
      const total = costs.reduce((x, y) => x + y, 0n);
      const balance = (await db.tenant.findUniqueOrThrow({ where: { id: t.tenant.id } })).creditMicros;
      expect(balance).toBe(10_000_000n - total);
      const ledger = await db.creditLedgerEntry.findMany({ where: { tenantId: t.tenant.id }, orderBy: { id: "asc" }, select: { amountMicros: true, balanceAfter: true, reason: true } });
      // Each entry carries the balance right after it: the last one the tenant's balance.
      let running = 10_000_000n;
      expect(ledger).toEqual(
        mine.map((c, i) => {
          running -= costs[i]!;
          return { amountMicros: -costs[i]!, balanceAfter: running, reason: expect.stringContaining(c.id) as string };
        }),
      );
      expect(ledger.at(-1)!.balanceAfter).toBe(balance);
    }
    const completed = await db.callEvent.findMany({ where: { callId: { in: calls.map((c) => c.id) }, type: "completed" }, select: { sequence: true } });
    expect(completed.map((e) => e.sequence)).toEqual(Array(6).fill(4));
    expect(await db.webhookEvent.count({ where: { tenantId: { in: tenants.map((t) => t.tenant.id) }, type: "call.completed" } })).toBe(6);
  });

  it("settles each input on its own: a repeat in the batch reuses the record, a final leg returns its record, an unknown call fails alone", async () => {
    const { calls } = await liveCalls(1);
    const [a, b] = calls as [(typeof calls)[number], (typeof calls)[number]];
    const [first] = await finalizeCalls([{ callId: b.id, endedAt: new Date(), hangupCause: "USER_BUSY", sipStatus: 486, billsec: 0 }]);
    if (!first?.ok) throw new Error("expected the first end to settle");
    const outcomes = await finalizeCalls([
      { channelUuid: a.channelUuid!, endedAt: new Date(), hangupCause: "NO_ANSWER", billsec: 0 },
      { callId: "CA" + "0".repeat(32), endedAt: new Date(), hangupCause: null, billsec: 0 },
      { callId: a.id, endedAt: new Date(), hangupCause: "NORMAL_CLEARING", billsec: 5 },
      { callId: b.id, endedAt: new Date(), hangupCause: "NORMAL_CLEARING", billsec: 5 },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, result: { created: true, call: { status: "NO_ANSWER" } } });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(outcomes[2]).toMatchObject({ ok: true, result: { created: false, call: { status: "NO_ANSWER" } } });
    expect(outcomes[3]).toMatchObject({ ok: true, result: { created: false, record: { id: first.result.record.id } } });
    const [endA, , repeatA] = outcomes;
    if (!endA?.ok || !repeatA?.ok) throw new Error("expected both to settle");
    expect(repeatA.result.record.id).toBe(endA.result.record.id);
    expect(await db.callRecord.count({ where: { callId: { in: [a.id, b.id] } } })).toBe(2);
    expect(await db.callEvent.count({ where: { callId: a.id, type: "completed" } })).toBe(1);
  });
});
