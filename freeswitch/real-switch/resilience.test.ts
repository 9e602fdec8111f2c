// What happens to calls when parts fail, on the real switch: the worker killed (-9) mid-call, the event-socket link
// dropped, the switch crashed (-9) or shut down gracefully (fsctl shutdown), a second worker started for the same
// switch, and calls placed while no switch is connected. Every call ends once, with a record and at most one
// debit; talk time comes from the switch and is never more than the call lasted.
import { beforeAll, expect, it } from "vitest";
import { callRecordOf, control, createVoiceTenant, describeRealSwitch, ledgerOf, placeCall, rest, waitFor, waitForFinal, waitForStatus, type ApiCall, type VoiceTenant } from "./harness/fixtures";

describeRealSwitch("failures on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  beforeAll(async () => {
    tenant = await createVoiceTenant({ callsPerSecond: 10, maxConcurrentCalls: 20 });
  });

  /** A call that is up (answered) and stays up until hung up, with the time it was answered by the API's clock. */
  async function answeredCall(): Promise<{ call: ApiCall; answeredAt: number }> {
    const call = await placeCall(tenant, { to: "+15005550100" });
    await waitForStatus(tenant, call.id, ["in-progress"], 15_000);
    return { call, answeredAt: Date.now() };
  }

  async function expectBilledOnce(callId: string) {
    const record = await callRecordOf(callId);
    expect(record).not.toBeNull();
    expect(await ledgerOf(callId)).toHaveLength(record!.costMicros > 0n ? 1 : 0);
    return record!;
  }

  it("worker killed (-9) mid-call: the next worker takes the switch over, adopts the live call and bills it exactly", async () => {
    const { call, answeredAt } = await answeredCall();
    await control("worker/kill");
    await new Promise((r) => setTimeout(r, 1_000));
    await control("worker/start");
    // The call lived through the gap; hang it up now and bill what the switch measured.
    await waitFor("the new worker to adopt the call", async () => (await rest(tenant, "POST", `/api/v1/calls/${call.id}`, { status: "completed" })).status === 200);
    const final = await waitForFinal(tenant, call.id, 20_000);
    const talked = (Date.now() - answeredAt) / 1000;
    expect(final.status).toBe("completed");
    expect(Number(final.billsec)).toBeGreaterThanOrEqual(Math.floor(talked) - 2);
    expect(Number(final.billsec)).toBeLessThanOrEqual(Math.ceil(talked));
    await expectBilledOnce(call.id);
  });

  it("a second worker for the same switch id is refused (the lease), and claims nothing", async () => {
    const twin = (await control("worker/twin")) as { exitCode: number | null; output: string };
    expect(twin.exitCode).not.toBe(0);
    expect(twin.exitCode).not.toBeNull();
    expect(twin.output).toMatch(/lease/i);
    // The first worker still serves the switch.
    const call = await placeCall(tenant, { to: "+15005550102" });
    expect((await waitForFinal(tenant, call.id, 20_000)).status).toBe("completed");
  });

  it("event socket dropped mid-call: the worker reconnects, the call carries on and ends with the switch's figures", async () => {
    const { call, answeredAt } = await answeredCall();
    await control("esl/cut");
    await new Promise((r) => setTimeout(r, 2_000));
    await waitFor("the hang-up request to be accepted", async () => (await rest(tenant, "POST", `/api/v1/calls/${call.id}`, { status: "completed" })).status === 200);
    const final = await waitForFinal(tenant, call.id, 20_000);
    const talked = (Date.now() - answeredAt) / 1000;
    expect(final.status).toBe("completed");
    expect(Number(final.billsec)).toBeLessThanOrEqual(Math.ceil(talked));
    expect(Number(final.billsec)).toBeGreaterThanOrEqual(Math.floor(talked) - 2);
    await expectBilledOnce(call.id);
  });

  it("event socket down while the call ends: settled once, never billed past the last moment the call was known up", async () => {
    const call = await placeCall(tenant, { to: "+15005550104" });
    await waitForStatus(tenant, call.id, ["in-progress"], 15_000);
    const answeredAt = Date.now();
    await control("esl/down");
    const downAt = Date.now();
    await new Promise((r) => setTimeout(r, 6_000));
    await control("esl/up");
    const final = await waitForFinal(tenant, call.id, 30_000);
    expect(final.status).toBe("completed");
    expect(Number(final.billsec)).toBeLessThanOrEqual(Math.ceil((downAt - answeredAt) / 1000) + 1);
    await expectBilledOnce(call.id);
  });

  it("switch crash (-9) mid-call: the call ends at the crash, not when the switch came back", async () => {
    const { call, answeredAt } = await answeredCall();
    await new Promise((r) => setTimeout(r, 2_000));
    const crashedAt = Date.now();
    await control("switch/crash");
    await new Promise((r) => setTimeout(r, 3_000));
    await control("switch/start");
    const final = await waitForFinal(tenant, call.id, 40_000);
    expect(final.status).toBe("completed");
    const talkedUntilCrash = (crashedAt - answeredAt) / 1000;
    expect(Number(final.billsec)).toBeLessThanOrEqual(Math.ceil(talkedUntilCrash) + 1);
    expect(Number(final.billsec)).toBeGreaterThanOrEqual(Math.floor(talkedUntilCrash) - 2);
    await expectBilledOnce(call.id);
  });

  it("graceful switch shutdown mid-call: the end time is the switch's, so the talk is billed as it was (no extra seconds)", async () => {
    const { call, answeredAt } = await answeredCall();
    await new Promise((r) => setTimeout(r, 3_000));
    const shutdownAt = Date.now();
    await control("switch/shutdown");
    await new Promise((r) => setTimeout(r, 5_000));
    await control("switch/start");
    const final = await waitForFinal(tenant, call.id, 40_000);
    const talked = (shutdownAt - answeredAt) / 1000;
    expect(final.status).toBe("completed");
    expect(Number(final.billsec)).toBeLessThanOrEqual(Math.ceil(talked) + 1);
    expect(Number(final.billsec)).toBeGreaterThanOrEqual(Math.floor(talked) - 1);
    const record = await expectBilledOnce(call.id);
    expect(record.endedAt.getTime()).toBeLessThan(shutdownAt + 2_000);
  });

  it("calls placed while no switch is connected fail at their queue deadline and are never dialled late", async () => {
    await control("switch/crash");
    try {
      const call = await placeCall(tenant, { to: "+15005550102", queue_timeout: 3 });
      const final = await waitForFinal(tenant, call.id, 20_000);
      expect(final).toMatchObject({ status: "failed", hangup_cause: "QUEUE_TIMEOUT" });
      const record = await expectBilledOnce(call.id);
      expect(record.billsec).toBe(0);
    } finally {
      await control("switch/start");
    }
    // Once the switch is back, new calls go through again.
    const after = await placeCall(tenant, { to: "+15005550102" });
    expect((await waitForFinal(tenant, after.id, 30_000)).status).toBe("completed");
  });
});
