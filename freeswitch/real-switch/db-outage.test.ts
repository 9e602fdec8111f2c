// A 20-second PostgreSQL outage under the app and the worker on the real switch (the stack's database stopped and
// started through the control API; files run one after another, so nothing else runs meanwhile). A call that
// hangs up during the outage is recorded once with the switch's own billsec (before: closed by reconcile when the
// database came back, billsec counted to that moment and charged two minutes); a call queued across the outage is
// dialled once afterwards.
import { afterAll, beforeAll, expect, it } from "vitest";
import { callEventsOf, callRecordOf, control, createVoiceTenant, describeRealSwitch, EslTap, ledgerOf, placeCall, rest, waitFor, waitForFinal, waitForStatus, type VoiceTenant } from "./harness/fixtures";

const OUTAGE_MS = 20_000;

describeRealSwitch("a database outage on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;
  beforeAll(async () => {
    // One call at a time: the second waits queued behind the first, across the outage.
    tenant = await createVoiceTenant({ callsPerSecond: 10, maxConcurrentCalls: 1 });
    tap = await EslTap.open(["CHANNEL_HANGUP_COMPLETE"]);
  });
  afterAll(async () => {
    await tap?.close();
  });

  /** The billsec the switch itself reported for the call's channel. */
  function switchBillsec(callId: string): number {
    const complete = tap.events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.variable("irisx_call_id") === callId);
    if (!complete) throw new Error(`the switch reported no hang-up for ${callId}`);
    return Number(complete.variable("billsec"));
  }

  async function expectRecordedOnce(callId: string) {
    const final = await waitForFinal(tenant, callId, 60_000);
    expect(final.status).toBe("completed");
    const record = await callRecordOf(callId);
    expect(Math.abs(record!.billsec - switchBillsec(callId))).toBeLessThanOrEqual(1);
    expect(await ledgerOf(callId)).toHaveLength(1);
    const events = await callEventsOf(callId);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === "answered")).toHaveLength(1);
    expect(types.filter((t) => t === "completed")).toHaveLength(1);
    expect(events.at(-1)!.data).not.toMatchObject({ reconciled: true });
    for (let i = 1; i < events.length; i++) expect(events[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.occurredAt.getTime());
    return record!;
  }

  it("a call hanging up during a 20 s outage is billed the switch's seconds, once; a call queued across it is dialled once afterwards", async () => {
    const endsDuring = await placeCall(tenant, { to: "+15005550108" });
    await waitForStatus(tenant, endsDuring.id, ["in-progress"], 15_000);
    const queuedAcross = await placeCall(tenant, { to: "+15005550103" });

    await control("db/stop");
    const stoppedAt = Date.now();
    try {
      const during = await rest(tenant, "POST", "/api/v1/calls", { to: "+15005550103", from: tenant.number, instructions: [{ pause: 1 }] });
      expect(during.status).not.toBe(201);
      await new Promise((r) => setTimeout(r, OUTAGE_MS - (Date.now() - stoppedAt)));
      // The carrier hung up 8 s after answering, in the middle of the outage.
      expect(tap.events.some((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.variable("irisx_call_id") === endsDuring.id)).toBe(true);
    } finally {
      await control("db/start");
    }

    const ended = await expectRecordedOnce(endsDuring.id);
    expect(ended.billsec).toBeGreaterThanOrEqual(7);
    expect(ended.billsec).toBeLessThanOrEqual(9);
    await expectRecordedOnce(queuedAcross.id);
    // Dialled once: one channel on the switch for the queued call.
    expect(tap.events.filter((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.variable("irisx_call_id") === queuedAcross.id)).toHaveLength(1);
    await waitFor("the API to place calls again", async () => (await rest(tenant, "POST", "/api/v1/calls", { to: "+15005550103", from: tenant.number, instructions: [{ pause: 1 }] })).status === 201, 20_000);
  });
});
