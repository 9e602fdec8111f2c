import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { purchasePhoneNumber } from "@/server/numbers/purchase-phone-number";
import type { TCreatePhoneNumberInput } from "@/server/numbers/numbers.schemas";
import { configuredNumberProvider } from "@/server/numbers/providers/configured-number-provider";
import type { NumberProvider } from "@/server/numbers/providers/number-provider";
import type { Actor } from "@/server/tenancy";
import { startTwilioNumbersStandIn, type NumberProviderStandIn } from "@/test/number-provider-stand-ins";
import { findPhoneNumbers } from "@/server/numbers/find-phone-numbers";
import { getPhoneNumber } from "@/server/numbers/get-phone-number";
import { releasePhoneNumber } from "@/server/numbers/release-phone-number";
import { updatePhoneNumber } from "@/server/numbers/update-phone-number";

async function failure(p: Promise<unknown>): Promise<{ code: string; fields: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ZodError) return { code: "ZodError", fields: Object.fromEntries(e.issues.map((i) => [i.path.join("."), i.message])) };
    if (e instanceof AppError) return { code: e.code, fields: (e.details as { fieldErrors?: Record<string, unknown> } | undefined)?.fieldErrors ?? {} };
    throw e;
  }
  throw new Error("expected a failure");
}

let standIn: NumberProviderStandIn;
let provider: NumberProvider;
beforeAll(async () => {
  standIn = await startTwilioNumbersStandIn();
  provider = configuredNumberProvider(standIn.env)!;
});
afterAll(() => standIn.close());

/** Buys through the Twilio stand-in. */
const createPhoneNumber = (actor: Actor, input: TCreatePhoneNumberInput) => purchasePhoneNumber(actor, input, provider);

/** A fresh number per test: e164 is unique across the whole database. */
let next = 1000;
const fresh = () => `+1415555${String(next++).padStart(4, "0")}`;

describe("purchasePhoneNumber", () => {
  it("normalises to E.164, stores handlers and gateway, audits and ticks number_added", async () => {
    const { actor } = await createTestTenant();
    const digits = fresh().slice(2);
    const created = await createPhoneNumber(actor, {
      phoneNumber: `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
      friendlyName: " Support line ",
      capabilities: { voice: true, sms: true, mms: false },
      voiceUrl: "https://example.com/voice",
      voiceMethod: "GET",
      statusCallbackUrl: "https://example.com/status",
      carrierGateway: "twilio_main",
    });
    expect(created).toMatchObject({
      phoneNumber: `+1${digits}`,
      friendlyName: "Support line",
      capabilities: { voice: true, sms: true, mms: false },
      voiceUrl: "https://example.com/voice",
      voiceMethod: "GET",
      voiceFlowId: null,
      statusCallbackMethod: "POST",
      carrierGateway: "twilio_main",
    });
    expect(created.id).toMatch(/^PN[0-9a-f]{32}$/);
    const row = await db.phoneNumber.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ tenantId: actor.tenantId, origin: "PROVISIONED", provider: "twilio", providerNumberId: standIn.inventory.sold.get(`+1${digits}`) });
    expect(created).toMatchObject({ origin: "PROVISIONED", callerIdAllowed: true, purchasePending: false });
    expect(await db.auditLog.count({ where: { tenantId: actor.tenantId, action: "phone_number.purchased", targetId: created.id } })).toBe(1);
    expect(await db.tenantMilestone.count({ where: { tenantId: actor.tenantId, key: "number_added" } })).toBe(1);
  });

  it("names the failing field for a bad number, URL, method, gateway or both voice handlers", async () => {
    const { actor } = await createTestTenant();
    expect((await failure(createPhoneNumber(actor, { phoneNumber: "4155550123" }))).fields).toHaveProperty("phoneNumber");
    expect((await failure(createPhoneNumber(actor, { phoneNumber: "+1415" }))).fields).toHaveProperty("phoneNumber");
    expect((await failure(createPhoneNumber(actor, { phoneNumber: fresh(), voiceUrl: "ftp://example.com/x" }))).fields).toHaveProperty("voiceUrl");
    expect((await failure(createPhoneNumber(actor, { phoneNumber: fresh(), smsMethod: "PUT" as never }))).fields).toHaveProperty("smsMethod");
    expect((await failure(createPhoneNumber(actor, { phoneNumber: fresh(), carrierGateway: "My Gateway" }))).fields).toHaveProperty("carrierGateway");
    expect((await failure(createPhoneNumber(actor, { phoneNumber: fresh(), capabilities: { voice: false, sms: false, mms: false } }))).fields).toHaveProperty("capabilities");
    expect((await failure(createPhoneNumber(actor, { phoneNumber: fresh(), voiceUrl: "https://example.com/v", voiceFlowId: "fl_1" }))).fields).toHaveProperty("voiceFlowId");
    expect(await db.phoneNumber.count({ where: { tenantId: actor.tenantId } })).toBe(0);
  });

  it("refuses a number any account already has with CONFLICT number_unavailable, the same answer as one the carrier does not sell", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const e164 = fresh();
    await createPhoneNumber(a.actor, { phoneNumber: e164 });
    const again = await failure(createPhoneNumber(b.actor, { phoneNumber: e164 }));
    expect(again.code).toBe("CONFLICT");
    expect(again.fields).toEqual({ phoneNumber: [`${e164} is not available (number_unavailable)`] });
    const elsewhere = fresh();
    standIn.inventory.soldElsewhere.add(elsewhere);
    expect((await failure(createPhoneNumber(b.actor, { phoneNumber: elsewhere }))).fields).toEqual({ phoneNumber: [`${elsewhere} is not available (number_unavailable)`] });
    expect(await db.phoneNumber.count({ where: { e164: elsewhere } })).toBe(0);
    expect(await failure(createPhoneNumber(a.actor, { phoneNumber: e164 }))).toMatchObject({ code: "CONFLICT" });
    expect(await db.phoneNumber.count({ where: { e164 } })).toBe(1);
  });

  it("is for owners and admins; API keys act through their scope", async () => {
    const { actor } = await createTestTenant();
    for (const role of ["SUPERVISOR", "DEVELOPER", "AGENT"] as const) {
      expect((await failure(createPhoneNumber({ ...actor, role }, { phoneNumber: fresh() }))).code).toBe("FORBIDDEN");
    }
    const asKey = { ...actor, role: "DEVELOPER" as const, userId: null, apiKeyId: "AK0" };
    await expect(createPhoneNumber(asKey, { phoneNumber: fresh() })).resolves.toMatchObject({ capabilities: { voice: true } });
    await expect(createPhoneNumber({ ...actor, role: "ADMIN" }, { phoneNumber: fresh() })).resolves.toBeTruthy();
  });
});

describe("updatePhoneNumber", () => {
  it("changes only the given fields, null clears, and a voice URL replaces a flow", async () => {
    const { actor } = await createTestTenant();
    await db.flow.create({ data: { id: `fl_main_${actor.tenantId}`, tenantId: actor.tenantId, name: "Main", draft: { nodes: [], edges: [] } } });
    const n = await createPhoneNumber(actor, { phoneNumber: fresh(), voiceFlowId: `fl_main_${actor.tenantId}`, smsUrl: "https://example.com/sms", carrierGateway: "telnyx" });
    const updated = await updatePhoneNumber(actor, { id: n.id, voiceUrl: "https://example.com/voice", smsUrl: null, friendlyName: "Sales" });
    expect(updated).toMatchObject({ voiceUrl: "https://example.com/voice", voiceFlowId: null, smsUrl: null, friendlyName: "Sales", carrierGateway: "telnyx" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: actor.tenantId, action: "phone_number.updated" } });
    expect(audit.before).toMatchObject({ voiceFlowId: `fl_main_${actor.tenantId}` });
    expect(audit.after).toMatchObject({ voiceUrl: "https://example.com/voice" });
  });

  it("names the failing field and leaves the row alone", async () => {
    const { actor } = await createTestTenant();
    const n = await createPhoneNumber(actor, { phoneNumber: fresh() });
    expect((await failure(updatePhoneNumber(actor, { id: n.id, statusCallbackUrl: "not a url" }))).fields).toHaveProperty("statusCallbackUrl");
    expect((await db.phoneNumber.findUniqueOrThrow({ where: { id: n.id } })).statusCallbackUrl).toBeNull();
  });
});

describe("releasePhoneNumber", () => {
  it("deletes the number, keeps its calls, and frees the DID for another account", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const e164 = fresh();
    const n = await createPhoneNumber(a.actor, { phoneNumber: e164 });
    const callId = newSid("CA");
    await db.call.create({ data: { id: callId, tenantId: a.actor.tenantId, direction: "INBOUND", from: "+15550001111", to: e164, phoneNumberId: n.id } });

    await expect(releasePhoneNumber(a.actor, { id: n.id }, provider)).resolves.toEqual({ id: n.id, phoneNumber: e164 });
    expect(standIn.inventory.sold.has(e164)).toBe(false);
    expect(await db.phoneNumber.count({ where: { id: n.id } })).toBe(0);
    expect(await db.call.findUniqueOrThrow({ where: { id: callId } })).toMatchObject({ to: e164, phoneNumberId: null });
    expect(await db.auditLog.count({ where: { tenantId: a.actor.tenantId, action: "phone_number.released", targetId: n.id } })).toBe(1);
    await expect(createPhoneNumber(b.actor, { phoneNumber: e164 })).resolves.toMatchObject({ phoneNumber: e164 });
  });
});

describe("tenant isolation and reads", () => {
  it("reads another tenant's number as NOT_FOUND for get, update and release", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const n = await createPhoneNumber(a.actor, { phoneNumber: fresh() });
    expect((await failure(getPhoneNumber(b.actor, { id: n.id }))).code).toBe("NOT_FOUND");
    expect((await failure(updatePhoneNumber(b.actor, { id: n.id, friendlyName: "mine" }))).code).toBe("NOT_FOUND");
    expect((await failure(releasePhoneNumber(b.actor, { id: n.id }))).code).toBe("NOT_FOUND");
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({ friendlyName: "" });
    expect((await findPhoneNumbers(b.actor)).items).toEqual([]);
  });

  it("pages newest first, searches digits and names, and filters by capability", async () => {
    const { actor } = await createTestTenant();
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await createPhoneNumber(actor, { phoneNumber: fresh(), friendlyName: i === 2 ? "Front desk" : "", capabilities: { voice: i !== 4, sms: i === 4, mms: false } }));
    }
    const first = await findPhoneNumbers(actor, { limit: 2 });
    expect(first.items.map((n) => n.id)).toEqual([made[4]!.id, made[3]!.id]);
    expect(first.hasMore).toBe(true);
    const second = await findPhoneNumbers(actor, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((n) => n.id)).toEqual([made[2]!.id, made[1]!.id]);

    expect((await findPhoneNumbers(actor, { search: "front" })).items.map((n) => n.id)).toEqual([made[2]!.id]);
    const digits = made[1]!.phoneNumber.slice(-4);
    expect((await findPhoneNumbers(actor, { search: `55-${digits}` })).items.map((n) => n.id)).toEqual([made[1]!.id]);
    expect((await findPhoneNumbers(actor, { capability: "voice" })).items).toHaveLength(4);
    expect((await findPhoneNumbers(actor, { capability: "sms" })).items.map((n) => n.id)).toEqual([made[4]!.id]);
    expect((await failure(findPhoneNumbers({ ...actor, role: "AGENT" }))).code).toBe("FORBIDDEN");
  });
});
