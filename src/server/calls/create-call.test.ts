import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { claimIdempotencyKey, idempotencyRequestHash } from "@/server/api/idempotency";
import { createCall } from "@/server/calls/create-call";
import { getCall } from "@/server/calls/get-call";
import type { TCreateCallInput } from "@/server/calls/calls.schemas";
import { rejection } from "@/test/rejection";
import { createVoiceTenant } from "@/test/call-fixtures";

const base = (from: string): TCreateCallInput => ({ to: "+14155550123", from, instructions: [{ say: "hello" }, { hangup: true }] });

describe("createCall", () => {
  it("stores the call queued with a CA id, its queued event and the defaults", async () => {
    const { actor, number } = await createVoiceTenant();
    const call = await createCall(actor, { ...base(number.e164), statusCallback: "https://example.com/status" }, { surface: "native" });
    expect(call.id).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call).toMatchObject({
      status: "QUEUED",
      direction: "OUTBOUND_API",
      from: number.e164,
      to: "+14155550123",
      phoneNumberId: number.id,
      method: "POST",
      statusCallbackUrl: "https://example.com/status",
      statusCallbackEvents: ["completed"],
      timeoutSeconds: 60,
      timeLimitSeconds: 14_400,
      record: false,
      apiSurface: "native",
      eventSequence: 1,
      instructions: [{ say: "hello" }, { hangup: true }],
    });
    const events = await db.callEvent.findMany({ where: { callId: call.id } });
    expect(events).toMatchObject([{ sequence: 1, type: "queued", status: "QUEUED" }]);
    // Nothing is sent for `queued`: callbacks start at `initiated`, which the worker's claim writes.
    expect(await db.callbackDelivery.count({ where: { callId: call.id } })).toBe(0);
  });

  it("refuses a suspended account, naming the suspension", async () => {
    const { actor, number, tenant } = await createVoiceTenant();
    await db.tenant.update({ where: { id: tenant.id }, data: { status: "SUSPENDED", suspendedReason: "fraud review" } });
    const e = await rejection(createCall(actor, base(number.e164), { surface: "native" }));
    expect(e.code).toBe("TENANT_SUSPENDED");
    expect(e.httpStatus).toBe(403);
    expect(e.message).toMatch(/suspended: fraud review/);
  });

  it("refuses an account without credit with 402 INSUFFICIENT_CREDIT", async () => {
    for (const credit of [0n, -5n]) {
      const { actor, number, tenant } = await createVoiceTenant({ creditMicros: credit });
      const e = await rejection(createCall(actor, base(number.e164), { surface: "native" }));
      expect(e.code).toBe("INSUFFICIENT_CREDIT");
      expect(e.httpStatus).toBe(402);
      expect(await db.call.count({ where: { tenantId: tenant.id } })).toBe(0);
    }
  });

  it("refuses a from that is not the account's number (another account's too), or has voice off, naming `from`", async () => {
    const { actor } = await createVoiceTenant();
    const other = await createVoiceTenant();
    for (const from of ["+14155550100", other.number.e164]) {
      const e = await rejection(createCall(actor, base(from), { surface: "native" }));
      expect(e.code).toBe("VALIDATION_FAILED");
      expect(e.details).toEqual({ fieldErrors: { from: [expect.stringContaining("not a phone number or verified caller ID of this account")] } });
    }
    const off = await createVoiceTenant({ voiceEnabled: false });
    const e = await rejection(createCall(off.actor, base(off.number.e164), { surface: "native" }));
    expect(e.details).toEqual({ fieldErrors: { from: [expect.stringContaining("voice is disabled")] } });
  });

  it("refuses alike with and without an Idempotency-Key (one statement checks and inserts; the keyed path reads first)", async () => {
    const keyed = { surface: "native" as const, idempotency: () => ({ recordId: "unused", status: 201, body: "{}" }) };
    const suspended = await createVoiceTenant();
    await db.tenant.update({ where: { id: suspended.tenant.id }, data: { status: "SUSPENDED", suspendedReason: null } });
    const broke = await createVoiceTenant({ creditMicros: 0n });
    const off = await createVoiceTenant({ voiceEnabled: false });
    const cases = [
      [suspended.actor, suspended.number.e164],
      [broke.actor, broke.number.e164],
      [off.actor, off.number.e164],
      [off.actor, "+14155550100"],
      [{ ...off.actor, tenantId: "tn_missing" }, off.number.e164],
    ] as const;
    for (const [actor, from] of cases) {
      const plain = await rejection(createCall(actor, base(from), { surface: "native" }));
      const withKey = await rejection(createCall(actor, base(from), keyed));
      expect({ code: withKey.code, message: withKey.message }).toEqual({ code: plain.code, message: plain.message });
    }
    expect(await db.call.count({ where: { tenantId: { in: [suspended.tenant.id, broke.tenant.id, off.tenant.id] } } })).toBe(0);
  });

  it("refuses agents (reading calls is all they may do)", async () => {
    const { actor, number } = await createVoiceTenant({ role: "AGENT" });
    expect((await rejection(createCall(actor, base(number.e164), { surface: "native" }))).code).toBe("FORBIDDEN");
  });

  it("validates the input: E.164 `to`, exactly one handler, callback URL, ranges", async () => {
    const { actor, number } = await createVoiceTenant();
    const bad: [Partial<TCreateCallInput> & Record<string, unknown>, string][] = [
      [{ to: "4155550123" }, "to"],
      [{ to: "+1555123456" }, "to"],
      [{ url: "https://example.com/twiml" }, "url"],
      [{ instructions: undefined }, "url"],
      [{ statusCallback: "ftp://example.com/x" }, "statusCallback"],
      [{ timeout: 0 }, "timeout"],
      [{ timeLimit: 14_401 }, "timeLimit"],
      [{ instructions: [] }, "instructions"],
      [{ instructions: [{ say: "x", play: "y" }] as never }, "instructions"],
      [{ statusCallbackEvents: ["queued"] as never }, "statusCallbackEvents"],
    ];
    for (const [patch, field] of bad) {
      const err = await createCall(actor, { ...base(number.e164), ...patch } as TCreateCallInput, { surface: "native" }).then(
        () => null,
        (e: unknown) => e as { issues?: { path: PropertyKey[] }[] },
      );
      expect(err?.issues?.map((i) => String(i.path[0])), JSON.stringify(patch)).toContain(field);
    }
  });

  it("completes the caller's idempotency record in the statement that inserts the call", async () => {
    const { actor, number, tenant } = await createVoiceTenant();
    const claim = await claimIdempotencyKey({ tenantId: tenant.id, key: "k1", method: "POST", path: "/api/v1/calls", requestHash: idempotencyRequestHash("POST", "/api/v1/calls", {}) });
    if (claim.kind !== "claimed") throw new Error("expected a fresh claim");

    // A statement that fails part-way (here the stored status is out of range for its column) leaves neither the
    // call, nor its event, nor a completed record.
    await expect(
      createCall(actor, base(number.e164), { surface: "native", idempotency: (call) => ({ recordId: claim.recordId, status: 2 ** 40, body: JSON.stringify({ id: call.id }) }) }),
    ).rejects.toThrow(/out of range/);
    expect(await db.call.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await db.callEvent.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect((await db.idempotencyRecord.findUniqueOrThrow({ where: { id: claim.recordId } })).state).toBe("IN_PROGRESS");

    // Success commits both: the record holds the response naming the call before createCall even returns to the route.
    const call = await createCall(actor, base(number.e164), {
      surface: "native",
      idempotency: (created) => ({ recordId: claim.recordId, status: 201, body: JSON.stringify({ id: created.id }) }),
    });
    const record = await db.idempotencyRecord.findUniqueOrThrow({ where: { id: claim.recordId } });
    expect(record).toMatchObject({ state: "COMPLETED", responseStatus: 201, responseBody: JSON.stringify({ id: call.id }) });
  });

  it("stores exactly what it returns: the call read back equals the view, with its queued event (with and without a key)", async () => {
    const { actor, number, tenant } = await createVoiceTenant();
    const claim = await claimIdempotencyKey({ tenantId: tenant.id, key: "k2", method: "POST", path: "/api/v1/calls", requestHash: idempotencyRequestHash("POST", "/api/v1/calls", {}) });
    if (claim.kind !== "claimed") throw new Error("expected a fresh claim");
    for (const idempotency of [undefined, () => ({ recordId: claim.recordId, status: 201, body: "{}" })]) {
      const created = await createCall(
        actor,
        { ...base(number.e164), statusCallback: "https://example.com/cb", statusCallbackEvents: ["ringing", "completed"], timeLimit: 90, record: true },
        { surface: "twilio", idempotency },
      );
      const stored = await getCall(actor, { callId: created.id });
      expect(stored).toEqual(created);
      expect(stored).toMatchObject({ phoneNumberId: number.id, currency: tenant.currency });
      const events = await db.callEvent.findMany({ where: { callId: created.id } });
      expect(events).toMatchObject([{ sequence: 1, type: "queued", status: "QUEUED", occurredAt: created.queuedAt }]);
    }
  });
});
