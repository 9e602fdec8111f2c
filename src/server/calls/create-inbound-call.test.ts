import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createInboundCall, normalizeDid } from "@/server/calls/create-inbound-call";
import { finalizeCall } from "@/server/calls/finalize-call";
import { createVoiceTenant } from "@/test/call-fixtures";

const inbound = (to: string, channelUuid = randomUUID()) => createInboundCall({ switchId: "fs1", channelUuid, to, from: "+14155550123", workerId: "w1" });

describe("createInboundCall", () => {
  it("routes the DID to its tenant and handler and stores the leg ringing on the switch", async () => {
    const { number, tenant } = await createVoiceTenant({ voiceUrl: "https://example.com/answer" });
    await db.phoneNumber.update({ where: { id: number.id }, data: { statusCallbackUrl: "https://example.com/number-status" } });
    const channelUuid = randomUUID();
    const result = await inbound(number.e164.slice(1), channelUuid);
    if (result.rejected !== null) throw new Error(`rejected: ${result.rejected}`);
    expect(result.handler).toEqual({ kind: "url", url: "https://example.com/answer", method: "POST" });
    expect(result.accountSid).toBe(tenant.accountSid);
    expect(result.call).toMatchObject({ tenantId: tenant.id, direction: "INBOUND", status: "RINGING", to: number.e164, from: "+14155550123", switchId: "fs1", channelUuid, apiSurface: "twilio", statusCallbackEvents: ["completed"] });
    expect(await db.webhookEvent.count({ where: { tenantId: tenant.id, type: "call.ringing" } })).toBe(1);

    // A repeat for the same channel (worker restart) returns the same call.
    const again = await inbound(number.e164, channelUuid);
    expect(again.rejected === null && again.call.id).toBe(result.call.id);
    expect(await db.call.count({ where: { tenantId: tenant.id } })).toBe(1);

    // Inbound minutes are rated at the inbound rate, and the number's callback hears the end, Twilio-style.
    const { record } = await finalizeCall({ channelUuid, endedAt: new Date(), hangupCause: "NORMAL_CLEARING", billsec: 30, answeredAt: new Date() });
    expect(record).toMatchObject({ direction: "INBOUND", ratePerMinuteMicros: 8_500n, costMicros: 8_500n });
    const [callback] = await db.callbackDelivery.findMany({ where: { callId: result.call.id } });
    expect(callback).toMatchObject({ format: "twilio", url: "https://example.com/number-status" });
    expect(callback!.params).toMatchObject({ CallStatus: "completed", Direction: "inbound", CallDuration: expect.any(String) });
  });

  it("hands a flow handler over when the number has no voice URL", async () => {
    const { number } = await createVoiceTenant({ voiceUrl: null });
    await db.flow.create({ data: { id: "flow_1", tenantId: number.tenantId, name: "Main menu", draft: { nodes: [], edges: [] } } });
    await db.phoneNumber.update({ where: { id: number.id }, data: { voiceFlowId: "flow_1" } });
    const result = await inbound(number.e164);
    expect(result.rejected === null && result.handler).toEqual({ kind: "flow", flowId: "flow_1" });
    expect(result.call).toMatchObject({ flowId: "flow_1" });
  });

  it("rejects an unknown DID writing nothing, and records a refused call to an owned number as that tenant's failed call with the reason", async () => {
    expect(await inbound("+14155559999")).toEqual({ rejected: "unknown_number", tenantId: null, hangupCause: "UNALLOCATED_NUMBER" });
    const off = await createVoiceTenant({ voiceEnabled: false });
    const noHandler = await createVoiceTenant({ voiceUrl: null });
    const suspended = await createVoiceTenant();
    await db.tenant.update({ where: { id: suspended.tenant.id }, data: { status: "SUSPENDED" } });
    const broke = await createVoiceTenant({ creditMicros: 0n });
    await db.phoneNumber.update({ where: { id: noHandler.number.id }, data: { statusCallbackUrl: "https://example.com/number-status" } });
    const cases = [
      [off, "voice_disabled", /Voice is turned off/],
      [noHandler, "no_handler", /no voice URL or flow/],
      [suspended, "tenant_suspended", /suspended/],
      [broke, "no_credit", /no credit/],
    ] as const;
    for (const [t, reason, message] of cases) {
      const result = await inbound(t.number.e164);
      expect(result).toMatchObject({ rejected: reason, tenantId: t.tenant.id, hangupCause: "SERVICE_UNAVAILABLE" });
      const call = await db.call.findUniqueOrThrow({ where: { id: result.call!.id }, include: { callRecord: true, events: { orderBy: { sequence: "asc" } } } });
      expect(call).toMatchObject({ tenantId: t.tenant.id, direction: "INBOUND", status: "FAILED", hangupCause: "SERVICE_UNAVAILABLE", billsec: 0 });
      expect(call.callRecord).toMatchObject({ billsec: 0, costMicros: 0n });
      expect(call.events.map((e) => e.type)).toEqual(["ringing", "completed"]);
      expect(call.events[1]!.data).toMatchObject({ rejected: reason, message: expect.stringMatching(message) });
      expect(await db.webhookEvent.count({ where: { tenantId: t.tenant.id, type: "call.completed" } })).toBe(1);
    }
    // The number's status callback hears the refused call end, as Twilio's does.
    expect(await db.callbackDelivery.count({ where: { tenantId: noHandler.tenant.id, url: "https://example.com/number-status" } })).toBe(1);
    expect(await db.creditLedgerEntry.count({ where: { tenantId: { in: cases.map(([t]) => t.tenant.id) }, reason: { startsWith: "call " } } })).toBe(0);
  });

  it("normalizes DIDs as switches send them", () => {
    expect(normalizeDid("+15005550100")).toBe("+15005550100");
    expect(normalizeDid("15005550100")).toBe("+15005550100");
    expect(normalizeDid("sip:+15005550100@10.0.0.1:5060")).toBe("+15005550100");
  });
});
