// Outbound calls through the real switch to SIPp as the carrier: every outcome a carrier gives, cancel and
// hang-up through the API. Each ends with the status, hangup cause and SIP status the README's table names,
// exactly one call record and at most one debit, and talk time measured by the switch.
import { beforeAll, expect, it } from "vitest";
import { callRecordOf, createVoiceTenant, describeRealSwitch, getCall, ledgerOf, placeCall, rest, uniqueNumber, waitForFinal, waitForStatus, type VoiceTenant } from "./harness/fixtures";

describeRealSwitch("outbound calls on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  beforeAll(async () => {
    tenant = await createVoiceTenant();
  });

  async function expectOutcome(to: string, expected: { status: string; cause: string; sip?: number | null; timeout?: number }) {
    const call = await placeCall(tenant, { to, timeout: expected.timeout ?? 10 });
    const final = await waitForFinal(tenant, call.id, 45_000);
    expect({ status: final.status, cause: final.hangup_cause }).toEqual({ status: expected.status, cause: expected.cause });
    if (expected.sip !== undefined) expect(final.sip_status).toBe(expected.sip);
    const record = await callRecordOf(call.id);
    expect(record).toMatchObject({ billsec: 0, costMicros: 0n, hangupCause: expected.cause });
    expect(await ledgerOf(call.id)).toHaveLength(0);
    return final;
  }

  it.concurrent("answered: the far end talks 3 s and hangs up; billsec is the switch's, billed once", async () => {
    const call = await placeCall(tenant, { to: "+15005550103" });
    const final = await waitForFinal(tenant, call.id, 30_000);
    expect(final).toMatchObject({ status: "completed", hangup_cause: "NORMAL_CLEARING" });
    expect(final.billsec).toBeGreaterThanOrEqual(2);
    expect(final.billsec).toBeLessThanOrEqual(4);
    const record = await callRecordOf(call.id);
    expect(record?.billsec).toBe(final.billsec);
    expect(record!.costMicros).toBeGreaterThan(0n);
    expect(await ledgerOf(call.id)).toHaveLength(1);
    // Times read back in order: started ≤ answered ≤ ended.
    expect(record!.answeredAt!.getTime()).toBeGreaterThanOrEqual(record!.startedAt.getTime());
    expect(record!.endedAt.getTime()).toBeGreaterThanOrEqual(record!.answeredAt!.getTime());
  });

  it.concurrent("busy: 486 → busy, USER_BUSY", () => expectOutcome("+15005550200", { status: "busy", cause: "USER_BUSY", sip: 486 }));
  it.concurrent("declined: 603 → busy, CALL_REJECTED", () => expectOutcome("+15005550400", { status: "busy", cause: "CALL_REJECTED", sip: 603 }));
  it.concurrent("404 → failed, UNALLOCATED_NUMBER", () => expectOutcome("+15005550404", { status: "failed", cause: "UNALLOCATED_NUMBER", sip: 404 }));
  it.concurrent("503 → failed, NORMAL_TEMPORARY_FAILURE", () => expectOutcome("+15005550500", { status: "failed", cause: "NORMAL_TEMPORARY_FAILURE", sip: 503 }));
  it.concurrent("rings until the call's timeout → no-answer, NO_ANSWER", () => expectOutcome("+15005550300", { status: "no-answer", cause: "NO_ANSWER", timeout: 4 }));
  it.concurrent("a carrier that never answers (black hole) → no-answer at the call's timeout", () => expectOutcome("+15005550600", { status: "no-answer", cause: "NO_ANSWER", timeout: 4 }));

  it.concurrent("an unreachable carrier (nothing listens on its port) → failed", async () => {
    // The number's gateway is telnyx, which the stack points at a closed port (staff assign it: the platform holds it).
    const { givePhoneNumber } = await import("@/test/factories");
    const created = await givePhoneNumber(tenant.tenantId, { phoneNumber: uniqueNumber(), carrierGateway: "telnyx" });
    const call = await placeCall(tenant, { from: created.phoneNumber, to: "+15005550103", timeout: 5 });
    const final = await waitForFinal(tenant, call.id, 60_000);
    expect(final.status).toBe("failed");
    expect(await ledgerOf(call.id)).toHaveLength(0);
  });

  it.concurrent("cancel while ringing → canceled; the carrier sees the CANCEL", async () => {
    const call = await placeCall(tenant, { to: "+15005550300", timeout: 30 });
    await waitForStatus(tenant, call.id, ["ringing"], 15_000);
    const res = await rest(tenant, "POST", `/api/v1/calls/${call.id}`, { status: "canceled" });
    expect(res.status).toBe(200);
    const final = await waitForFinal(tenant, call.id, 15_000);
    expect(final.status).toBe("canceled");
    expect(await ledgerOf(call.id)).toHaveLength(0);
  });

  it.concurrent("hang up an answered call through the API → completed, billed for the talk", async () => {
    const call = await placeCall(tenant, { to: "+15005550100" });
    await waitForStatus(tenant, call.id, ["in-progress"], 15_000);
    await new Promise((r) => setTimeout(r, 2_000));
    const res = await rest(tenant, "POST", `/api/v1/calls/${call.id}`, { status: "completed" });
    expect(res.status).toBe(200);
    const final = await waitForFinal(tenant, call.id, 15_000);
    expect(final).toMatchObject({ status: "completed" });
    expect(final.billsec).toBeGreaterThanOrEqual(1);
    expect(final.billsec).toBeLessThanOrEqual(4);
    expect(await ledgerOf(call.id)).toHaveLength(1);
    expect((await getCall(tenant, call.id)).status).toBe("completed");
  });
});
