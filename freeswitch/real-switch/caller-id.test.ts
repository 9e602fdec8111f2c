// Caller ID verification on the real switch: the call leaves with the platform's caller ID, the switch speaks the
// code digit by digit (and only the code the database holds a hash of), the API never shows it, the code makes
// the number a caller ID, and a call from that caller ID leaves the switch showing it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createVoiceTenant, describeRealSwitch, EslTap, getCall, placeCall, rest, waitFor, waitForFinal, type VoiceTenant } from "./harness/fixtures";

const FAR_END = "+15005550100"; // the SIPp carrier answers and stays up until the switch hangs up

describeRealSwitch("a caller ID is verified by a call that speaks a code", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;

  beforeAll(async () => {
    tenant = await createVoiceTenant();
    tap = await EslTap.open();
  });
  afterAll(() => tap.close());

  it("speaks the code, withholds it from the API, verifies with it, and calls then show the number", async () => {
    const started = await rest<{ id: string; status: string; verification_call_id: string }>(tenant, "POST", "/api/v1/caller-ids", { phone_number: FAR_END, friendly_name: "Carrier desk" });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.status).toBe("pending");
    const callId = started.body.verification_call_id;
    const call = await waitForFinal(tenant, callId, 90_000);
    expect(call.status).toBe("completed");
    expect(call.from).toBe("+18005550199");
    expect(JSON.stringify(call)).not.toMatch(/your code is/i);

    const spoken = await waitFor("the code to have been spoken", async () => tap.executed(callId).find((a) => a.app === "speak" && /your code is/i.test(a.data)));
    const m = /your code is ((?:\d, ){5}\d)\./i.exec(spoken.data);
    expect(m, spoken.data).not.toBeNull();
    const code = m![1]!.replace(/, /g, "");
    const executedOn = tap.events.find((e) => e.name === "CHANNEL_EXECUTE" && e.variable("irisx_call_id") === callId);
    expect(executedOn?.variable("sip_from_user")).toBe("+18005550199");

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const refused = await rest<{ error: { details: { field: string; message: string }[] } }>(tenant, "POST", `/api/v1/caller-ids/${started.body.id}/verify`, { code: wrong });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ field: "code", message: "incorrect code (4 attempts left)" }]);
    const verified = await rest<{ status: string }>(tenant, "POST", `/api/v1/caller-ids/${started.body.id}/verify`, { code });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe("verified");

    const fromCallerId = await placeCall(tenant, { from: FAR_END, to: "+15005550103", instructions: [{ say: "from a verified caller ID" }] });
    expect((await waitForFinal(tenant, fromCallerId.id, 60_000)).status).toBe("completed");
    const leg = tap.events.find((e) => e.name === "CHANNEL_EXECUTE" && e.variable("irisx_call_id") === fromCallerId.id);
    expect(leg?.variable("sip_from_user")).toBe(FAR_END);
    expect((await getCall(tenant, fromCallerId.id)).from).toBe(FAR_END);
  });
});
