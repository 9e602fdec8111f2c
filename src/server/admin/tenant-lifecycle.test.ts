import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { authenticateApiKey } from "@/server/api-keys/authenticate-api-key";
import { createTenant } from "@/server/admin/create-tenant";
import { getTenantDetail } from "@/server/admin/get-tenant-detail";
import { purgeDeletedTenants } from "@/server/admin/purge-deleted-tenants";
import { storeAttachmentBlob } from "@/server/messages/email-attachments";
import { reinstateTenant } from "@/server/admin/tenant-access";
import { cancelTenantDeletion, scheduleTenantDeletion } from "@/server/admin/tenant-deletion";
import { updateTenantLimits } from "@/server/admin/update-tenant-limits";
import { createInvitation } from "@/server/invitations/create-invitation";
import { purchasePhoneNumber } from "@/server/numbers/purchase-phone-number";
import { configuredNumberProvider } from "@/server/numbers/providers/configured-number-provider";
import { newId, newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { startTwilioNumbersStandIn, type NumberProviderStandIn } from "@/test/number-provider-stand-ins";
import { createTestRecording, useTempRecordingDirs } from "@/test/recording-fixtures";
import { rejection } from "@/test/rejection";

const DAY_MS = 86_400_000;
let staff: { userId: string; requestId: string; ip: string };
let standIn: NumberProviderStandIn;
let recordingsDir: string;
const provider = () => configuredNumberProvider(standIn.env)!;
const freshNumber = () => `+1415555${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;

beforeAll(async () => {
  const user = await db.user.create({ data: { id: newId("usr"), email: `${newId("op").toLowerCase()}@irisx.test`, name: "Olive Operator", passwordHash: "x", isPlatformStaff: true, staffRole: "OWNER" } });
  staff = { userId: user.id, requestId: "req-lifecycle", ip: "198.51.100.4" };
  standIn = await startTwilioNumbersStandIn();
  ({ recordingsDir } = await useTempRecordingDirs());
});
afterAll(async () => {
  expect(standIn.malformed).toEqual([]);
  await standIn.close();
});

describe("creating a tenant", () => {
  it("with a new owner: the tenant, its plan and limits, opening credit, and an owner invitation by email", async () => {
    const email = `${newId("own").toLowerCase()}@customer.test`;
    const created = await createTenant(staff, { name: "Umbrella Corp", ownerEmail: email, ownerName: "Alice", creditMicros: "25000000", maxSeats: 5, callsPerSecond: 2 });
    expect(created.owner).toBe("invited");
    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: created.tenantId } });
    expect(tenant).toMatchObject({ name: "Umbrella Corp", creditMicros: 25_000_000n, maxSeats: 5, callsPerSecond: 2, maxPhoneNumbers: null, status: "ACTIVE" });
    expect(tenant.slug).toMatch(/^umbrella-corp-/);
    expect(await db.invitation.findFirst({ where: { tenantId: tenant.id, email, role: "OWNER" } })).toBeTruthy();
    const mail = await db.emailMessage.findFirst({ where: { to: email }, orderBy: { createdAt: "desc" } });
    expect(mail?.subject).toMatch(/invited you to Umbrella Corp/);
    expect(mail?.text).toMatch(/\/invite\/[\w-]+/);
    expect(await db.creditLedgerEntry.findFirst({ where: { tenantId: tenant.id } })).toMatchObject({ amountMicros: 25_000_000n, reason: "opening credit (staff)" });
    expect(await db.auditLog.findFirst({ where: { tenantId: tenant.id, action: "tenant.created", actorUserId: staff.userId } })).toBeTruthy();
  });

  it("with an existing user: they own it at once; staff addresses and unknown plans are refused naming the field", async () => {
    const { user } = await createTestTenant();
    const created = await createTenant(staff, { name: "Second Shop", ownerEmail: user.email, ownerName: "ignored" });
    expect(created.owner).toBe("member");
    expect(await db.membership.findFirst({ where: { tenantId: created.tenantId, userId: user.id, role: "OWNER" } })).toBeTruthy();

    const staffEmail = (await db.user.findUniqueOrThrow({ where: { id: staff.userId } })).email;
    expect(await rejection(createTenant(staff, { name: "Nope", ownerEmail: staffEmail, ownerName: "x" }))).toMatchObject({ details: { fieldErrors: { ownerEmail: [expect.stringMatching(/staff account/)] } } });
    expect(await rejection(createTenant(staff, { name: "Nope", ownerEmail: "x@y.test", ownerName: "x", pricePlanId: "pp_missing" }))).toMatchObject({ details: { fieldErrors: { pricePlanId: ["no such price plan"] } } });
    expect(await db.tenant.count({ where: { name: "Nope" } })).toBe(0);
    await expect(createTenant(staff, { name: "Nope", ownerEmail: "not-an-email", ownerName: "x" })).rejects.toThrow(/email/);
  });
});

describe("caps on numbers and seats", () => {
  it("refuse the number or seat one past the cap, naming the field; staff assignments are deliberate", async () => {
    const { tenant, actor } = await createTestTenant();
    await updateTenantLimits(staff, { tenantId: tenant.id, callsPerSecond: 5, maxConcurrentCalls: 50, pricePlanId: null, maxPhoneNumbers: 1, maxSeats: 2 });
    await purchasePhoneNumber(actor, { phoneNumber: freshNumber() }, provider());
    const second = freshNumber();
    const refused = await rejection(purchasePhoneNumber(actor, { phoneNumber: second }, provider()));
    expect(refused).toMatchObject({ code: "UNPROCESSABLE", details: { fieldErrors: { phoneNumber: [expect.stringMatching(/at most 1 phone number/)] } } });
    // Nothing was bought at the provider for the refused one.
    expect(standIn.requests.filter((r) => r.method === "POST" && r.body.includes(encodeURIComponent(second)))).toEqual([]);

    // Owner + one invitation = 2 seats: the next invitation is refused.
    await createInvitation(actor, { email: "first@customer.test", role: "AGENT" });
    expect(await rejection(createInvitation(actor, { email: "second@customer.test", role: "AGENT" }))).toMatchObject({ code: "UNPROCESSABLE", details: { fieldErrors: { email: [expect.stringMatching(/2 seats/)] } } });
    // Re-sending the pending invitation replaces it: still within the cap.
    await expect(createInvitation(actor, { email: "first@customer.test", role: "AGENT" })).resolves.toBeTruthy();
  });
});

describe("deleting a tenant", () => {
  it("suspends it at once with the purge date, keeps it restorable for 30 days, and refuses a plain reinstate", async () => {
    const { tenant, actor } = await createTestTenant({ name: "Wayne Enterprises" });
    const created = await createApiKey(actor, { name: "prod", scopes: ["calls:read"] });
    const key = { keyId: created.apiKey.id, secret: created.secret };
    await expect(authenticateApiKey(key)).resolves.toBeTruthy();

    expect(await rejection(scheduleTenantDeletion(staff, { tenantId: tenant.id, reason: "customer asked", confirmName: "Wayne" }))).toMatchObject({ details: { fieldErrors: { confirmName: ['type "Wayne Enterprises" to confirm'] } } });
    const now = new Date("2026-12-04T10:00:00Z");
    const scheduled = await scheduleTenantDeletion(staff, { tenantId: tenant.id, reason: "customer asked", confirmName: "Wayne Enterprises" }, now);
    expect(scheduled.purgeAfter.toISOString()).toBe("2027-01-03T10:00:00.000Z");
    expect((await rejection(authenticateApiKey(key))).message).toMatch(/scheduled for deletion on 2027-01-03/);
    expect((await rejection(reinstateTenant(staff, { tenantId: tenant.id }))).message).toMatch(/cancel the deletion/);
    expect((await rejection(scheduleTenantDeletion(staff, { tenantId: tenant.id, reason: "again", confirmName: "Wayne Enterprises" }))).code).toBe("CONFLICT");

    // Not due yet: the purge leaves it.
    await purgeDeletedTenants({ now: new Date(now.getTime() + 29 * DAY_MS), provider: provider() });
    expect(await db.tenant.count({ where: { id: tenant.id } })).toBe(1);

    await cancelTenantDeletion(staff, { tenantId: tenant.id });
    expect(await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({ status: "ACTIVE", purgeAfter: null, suspendedReason: null });
    await expect(authenticateApiKey(key)).resolves.toBeTruthy();
    expect(await db.auditLog.count({ where: { targetId: tenant.id, action: { in: ["tenant.deletion_scheduled", "tenant.deletion_cancelled"] } } })).toBe(4);
  });

  it("after the grace period the purge releases its numbers at the provider, erases its recordings and removes its data and lone users", async () => {
    const { tenant, actor, user: owner } = await createTestTenant({ name: "Doomed" });
    const { tenant: other } = await createTestTenant();
    const shared = await db.user.create({ data: { id: newId("usr"), email: `${newId("sh").toLowerCase()}@x.test`, name: "Shared", passwordHash: "x" } });
    await db.membership.createMany({ data: [{ id: newId("mem"), tenantId: tenant.id, userId: shared.id, role: "ADMIN" }, { id: newId("mem"), tenantId: other.id, userId: shared.id, role: "ADMIN" }] });
    const bought = await purchasePhoneNumber(actor, { phoneNumber: freshNumber() }, provider());
    expect(standIn.inventory.sold.has(bought.phoneNumber)).toBe(true);
    const { recording } = await createTestRecording(tenant.id);
    const stored = await db.recording.findUniqueOrThrow({ where: { id: recording.id } });
    const bytesAt = path.join(recordingsDir, stored.storageKey!);
    expect(existsSync(bytesAt)).toBe(true);
    // An email's attachment, stored encrypted beside the recordings.
    const blob = await storeAttachmentBlob(tenant.id, { filename: "a.txt", contentType: "text/plain", content: Buffer.from("attached") });
    const message = await db.message.create({
      data: { id: newSid("SM"), tenantId: tenant.id, channel: "EMAIL", direction: "INBOUND", status: "RECEIVED", from: "x@example.com", to: "y@example.com", body: "", currency: "USD" },
    });
    await db.messageAttachment.create({ data: { ...blob, messageId: message.id } });
    const attachmentAt = path.join(recordingsDir, blob.storageKey);
    expect(existsSync(attachmentAt)).toBe(true);

    const now = new Date();
    await scheduleTenantDeletion(staff, { tenantId: tenant.id, reason: "closed account", confirmName: "Doomed" }, new Date(now.getTime() - 31 * DAY_MS));
    // A provider that is down: nothing is removed, the next run retries.
    standIn.failNext(1);
    const failedRun = await purgeDeletedTenants({ now, provider: provider() });
    expect(failedRun.failed.map((f) => f.tenantId)).toContain(tenant.id);
    expect(await db.tenant.count({ where: { id: tenant.id } })).toBe(1);

    const run = await purgeDeletedTenants({ now, provider: provider() });
    expect(run.purged.find((p) => p.tenantId === tenant.id)).toEqual({ tenantId: tenant.id, numbersReleased: 1, recordingsErased: 1, usersDeleted: 1 });
    expect(standIn.inventory.sold.has(bought.phoneNumber)).toBe(false);
    expect(existsSync(bytesAt)).toBe(false);
    expect(existsSync(attachmentAt)).toBe(false);
    expect(await db.tenant.count({ where: { id: tenant.id } })).toBe(0);
    expect(await db.call.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await db.user.count({ where: { id: owner.id } })).toBe(0);
    expect(await db.user.count({ where: { id: shared.id } })).toBe(1);
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: null, action: "tenant.purged", targetId: tenant.id } });
    expect(audit.before).toMatchObject({ name: "Doomed", reason: "closed account" });
    // Idempotent: the next run has nothing to do for it.
    expect((await purgeDeletedTenants({ now, provider: provider() })).purged.find((p) => p.tenantId === tenant.id)).toBeUndefined();
  });
});

describe("the tenant page", () => {
  it("shows members, numbers, 30-day usage, recent calls and webhook health; another id is not found", async () => {
    const { tenant, user } = await createTestTenant({ name: "Detail Co" });
    const callId = newId("CA");
    await db.call.create({ data: { id: callId, tenantId: tenant.id, direction: "OUTBOUND_API", status: "COMPLETED", from: "+15005550006", to: "+15005550100" } });
    const endedAt = new Date(Date.now() - 3_600_000);
    await db.callRecord.create({
      data: { id: newId("cr"), callId, tenantId: tenant.id, direction: "OUTBOUND_API", from: "+15005550006", to: "+15005550100", status: "COMPLETED", startedAt: new Date(endedAt.getTime() - 125_000), endedAt, durationSeconds: 125, billsec: 120, ratePerMinuteMicros: 10_000n, billingIncrementSeconds: 60, billableSeconds: 120, costMicros: 20_000n, currency: "USD" },
    });
    const detail = await getTenantDetail(tenant.id);
    expect(detail.tenant.name).toBe("Detail Co");
    expect(detail.members).toEqual([expect.objectContaining({ id: user.id, role: "OWNER", twoFactor: false })]);
    expect(detail.usage).toMatchObject({ calls: 1, billedMinutes: 2, costMicros: 20_000n, liveCalls: 0 });
    expect(detail.recentCalls[0]).toMatchObject({ id: callId, durationSeconds: 125, costMicros: 20_000n });
    await expect(getTenantDetail("tn_nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
