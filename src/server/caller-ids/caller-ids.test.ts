import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { type AppError } from "@/server/errors";
import { rejection } from "@/test/rejection";
import { newSid } from "@/server/shared/ids";
import { createCall } from "@/server/calls/create-call";
import { getCall } from "@/server/calls/get-call";
import { WITHHELD_INSTRUCTIONS } from "@/server/calls/call-view";
import { confirmCallerId } from "@/server/caller-ids/confirm-caller-id";
import { deleteCallerId } from "@/server/caller-ids/delete-caller-id";
import { findCallerIds, getCallerId } from "@/server/caller-ids/find-caller-ids";
import { CALLS_PER_NUMBER_PER_HOUR, startCallerIdVerification } from "@/server/caller-ids/start-caller-id-verification";
import { findPhoneNumbers } from "@/server/numbers/find-phone-numbers";
import { createTestTenant } from "@/test/factories";
import { createVoiceTenant, randomTestDid } from "@/test/call-fixtures";

/** The code the verification call will speak, as the switch would hear it (the raw instructions, never shown). */
async function spokenCode(callId: string): Promise<string> {
  const call = await db.call.findUniqueOrThrow({ where: { id: callId } });
  const said = (call.instructions as { say?: string }[]).map((i) => i.say ?? "").join(" ");
  const m = /your code is ((?:\d, ){5}\d)/.exec(said);
  expect(m, said).not.toBeNull();
  return m![1]!.replace(/, /g, "");
}

describe("caller ID verification", () => {
  it("places a call from the platform's number that speaks a 6-digit code, withheld from every reader", async () => {
    const { actor } = await createTestTenant();
    const e164 = randomTestDid();
    const started = await startCallerIdVerification(actor, { phoneNumber: e164, friendlyName: "Head office" });
    expect(started).toMatchObject({ phoneNumber: e164, friendlyName: "Head office", status: "pending", attemptsLeft: 5, verifiedAt: null });
    expect(started.id).toMatch(/^CI[0-9a-f]{32}$/);
    const call = await getCall(actor, { callId: started.verificationCallId! });
    expect(call).toMatchObject({ status: "QUEUED", direction: "OUTBOUND_API", from: "+18005550100", to: e164, purpose: "caller_id_verification", phoneNumberId: null });
    expect(call.instructions).toEqual(WITHHELD_INSTRUCTIONS);
    expect(await spokenCode(call.id)).toMatch(/^\d{6}$/);
    const row = await db.callerId.findUniqueOrThrow({ where: { id: started.id } });
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(await spokenCode(call.id));
    expect(await db.callEvent.count({ where: { callId: call.id, type: "queued" } })).toBe(1);
  });

  it("verifies with the spoken code; then calls may use it as caller ID (and not before)", async () => {
    const { actor } = await createTestTenant();
    const e164 = randomTestDid();
    const place = () => createCall(actor, { to: "+14155550123", from: e164, instructions: [{ say: "hi" }] }, { surface: "native" });
    expect((await rejection(place())).details).toEqual({ fieldErrors: { from: [`${e164} is not a phone number or verified caller ID of this account`] } });
    const started = await startCallerIdVerification(actor, { phoneNumber: e164 });
    expect((await rejection(place())).code).toBe("VALIDATION_FAILED");
    const verified = await confirmCallerId(actor, { id: started.id, code: await spokenCode(started.verificationCallId!) });
    expect(verified).toMatchObject({ status: "verified", attemptsLeft: 0 });
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    await expect(place()).resolves.toMatchObject({ from: e164, phoneNumberId: null, status: "QUEUED" });
    expect(await db.auditLog.count({ where: { tenantId: actor.tenantId, action: "caller_id.verified", targetId: started.id } })).toBe(1);
    // Verifying again is a conflict; deleting it stops calls using it.
    expect((await rejection(startCallerIdVerification(actor, { phoneNumber: e164 }))).code).toBe("CONFLICT");
    await deleteCallerId(actor, { id: started.id });
    expect((await rejection(place())).code).toBe("VALIDATION_FAILED");
  });

  it("counts wrong codes: 5 void the code, and each says how many are left", async () => {
    const { actor } = await createTestTenant();
    const started = await startCallerIdVerification(actor, { phoneNumber: randomTestDid() });
    const right = await spokenCode(started.verificationCallId!);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const messages: string[] = [];
    // Parallel guesses cannot get more than 5 tries between them.
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => confirmCallerId(actor, { id: started.id, code: wrong })));
    for (const r of results) {
      expect(r.status).toBe("rejected");
      messages.push(((r as PromiseRejectedResult).reason as AppError).message);
    }
    expect((await db.callerId.findUniqueOrThrow({ where: { id: started.id } })).codeAttempts).toBeLessThanOrEqual(5);
    // Whatever the interleaving, the right code is refused once the attempts are spent.
    for (let i = 0; i < 5; i++) await confirmCallerId(actor, { id: started.id, code: wrong }).catch(() => undefined);
    const refused = await rejection(confirmCallerId(actor, { id: started.id, code: right }));
    expect(refused.details).toEqual({ fieldErrors: { code: [expect.stringContaining("start a new verification call")] } });
    expect((await getCallerId(actor, { id: started.id })).status).toBe("unverified");
    expect(messages.some((m) => /incorrect code \(\d attempts? left\)/.test(m))).toBe(true);
    // Malformed codes are refused before they count.
    const before = (await db.callerId.findUniqueOrThrow({ where: { id: started.id } })).codeAttempts;
    await expect(confirmCallerId(actor, { id: started.id, code: "12ab" })).rejects.toThrow(/6 digits/);
    expect((await db.callerId.findUniqueOrThrow({ where: { id: started.id } })).codeAttempts).toBe(before);
  });

  it("refuses an expired code", async () => {
    const { actor } = await createTestTenant();
    const started = await startCallerIdVerification(actor, { phoneNumber: randomTestDid() });
    await db.callerId.update({ where: { id: started.id }, data: { codeExpiresAt: new Date(Date.now() - 1000) } });
    const e = await rejection(confirmCallerId(actor, { id: started.id, code: await spokenCode(started.verificationCallId!) }));
    expect(e.message).toContain("expired");
  });

  it("reads another account's number as unavailable without naming it, and another account's caller ID as not found", async () => {
    const a = await createVoiceTenant();
    const b = await createTestTenant();
    const e = await rejection(startCallerIdVerification(b.actor, { phoneNumber: a.number.e164 }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toBe(`number_unavailable: ${a.number.e164} is not available`);
    expect(JSON.stringify(e.details)).not.toContain(a.tenant.id);
    const mine = await startCallerIdVerification(a.actor, { phoneNumber: randomTestDid() });
    expect((await rejection(getCallerId(b.actor, { id: mine.id }))).code).toBe("NOT_FOUND");
    expect((await rejection(confirmCallerId(b.actor, { id: mine.id, code: "123456" }))).code).toBe("NOT_FOUND");
    expect((await rejection(deleteCallerId(b.actor, { id: mine.id }))).code).toBe("NOT_FOUND");
    expect((await findCallerIds(b.actor)).items).toEqual([]);
  });

  it("calls one number at most 3 times an hour, from every account together", async () => {
    const e164 = randomTestDid();
    for (let i = 0; i < CALLS_PER_NUMBER_PER_HOUR; i++) await startCallerIdVerification((await createTestTenant()).actor, { phoneNumber: e164 });
    const e = await rejection(startCallerIdVerification((await createTestTenant()).actor, { phoneNumber: e164 }));
    expect(e.code).toBe("RATE_LIMITED");
    expect(e.retryAfter).toBeGreaterThan(0);
  });

  it("needs an active account with credit and an admin", async () => {
    const suspended = await createTestTenant({ status: "SUSPENDED" });
    expect((await rejection(startCallerIdVerification(suspended.actor, { phoneNumber: randomTestDid() }))).code).toBe("TENANT_SUSPENDED");
    const broke = await createTestTenant();
    await db.tenant.update({ where: { id: broke.tenant.id }, data: { creditMicros: 0n } });
    expect((await rejection(startCallerIdVerification(broke.actor, { phoneNumber: randomTestDid() }))).code).toBe("INSUFFICIENT_CREDIT");
    const { actor } = await createTestTenant();
    expect((await rejection(startCallerIdVerification({ ...actor, role: "AGENT" }, { phoneNumber: randomTestDid() }))).code).toBe("FORBIDDEN");
    expect(await db.call.count({ where: { tenantId: { in: [suspended.tenant.id, broke.tenant.id, actor.tenantId] } } })).toBe(0);
  });
});

describe("claimed numbers", () => {
  it("route inbound calls but are no caller ID until verified; assigned and provisioned ones are", async () => {
    const { actor } = await createTestTenant();
    const claimed = randomTestDid();
    const id = newSid("PN");
    await db.phoneNumber.create({ data: { id, tenantId: actor.tenantId, e164: claimed, origin: "CLAIMED" } });
    const place = () => createCall(actor, { to: "+14155550123", from: claimed, instructions: [{ say: "hi" }] }, { surface: "native" });
    const e = await rejection(place());
    expect(e.details).toEqual({ fieldErrors: { from: [expect.stringContaining("is not verified as a caller ID yet")] } });
    expect((await findPhoneNumbers(actor)).items[0]).toMatchObject({ origin: "CLAIMED", callerIdAllowed: false });
    const started = await startCallerIdVerification(actor, { phoneNumber: claimed });
    await confirmCallerId(actor, { id: started.id, code: await spokenCode(started.verificationCallId!) });
    expect((await findPhoneNumbers(actor)).items[0]).toMatchObject({ origin: "CLAIMED", callerIdAllowed: true });
    await expect(place()).resolves.toMatchObject({ phoneNumberId: id });
  });

  it("a provisioned number whose purchase was never confirmed is no caller ID", async () => {
    const { actor } = await createTestTenant();
    const e164 = randomTestDid();
    await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: actor.tenantId, e164, origin: "PROVISIONED", provider: "twilio" } });
    expect((await findPhoneNumbers(actor)).items[0]).toMatchObject({ purchasePending: true, callerIdAllowed: false });
    expect((await rejection(createCall(actor, { to: "+14155550123", from: e164, instructions: [{ say: "hi" }] }, { surface: "native" }))).code).toBe("VALIDATION_FAILED");
  });
});
