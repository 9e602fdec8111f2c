import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { type AppError } from "@/server/errors";
import { adjustTenantCredit, reinstateTenant, suspendTenant } from "@/server/admin/tenant-access";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { authenticateApiKey, parseAuthorization } from "@/server/api-keys/authenticate-api-key";
import { resolveMemberActor } from "@/server/tenancy";
import { announceTenantChanged, tenantChangesListening } from "@/server/tenant/tenant-changes";
import { createTestTenant } from "@/test/factories";
import { rejection } from "@/test/rejection";

const staff = { userId: null, requestId: "req_staff" };

async function tenantWithKey() {
  const t = await createTestTenant();
  const key = await createApiKey(t.actor, { name: "k", scopes: ["*"] });
  const credentials = parseAuthorization(`Bearer ${key.bearerToken}`)!;
  return { ...t, credentials };
}

describe("suspending a tenant", () => {
  it("refuses its members and its API keys with the reason at once, and reinstating admits them again; audited", async () => {
    const t = await tenantWithKey();
    await expect(authenticateApiKey(t.credentials)).resolves.toMatchObject({ tenantId: t.tenant.id }); // now cached
    await suspendTenant(staff, { tenantId: t.tenant.id, reason: "unpaid invoice 1042" });
    const refused = await rejection(authenticateApiKey(t.credentials));
    expect(refused.code).toBe("TENANT_SUSPENDED");
    expect(refused.message).toContain("unpaid invoice 1042");
    expect((await rejection(resolveMemberActor({ userId: t.user.id }))).message).toContain("unpaid invoice 1042");
    // Dated, for churn on /admin/revenue; reinstating clears it.
    const suspendedAt = (await db.tenant.findUniqueOrThrow({ where: { id: t.tenant.id } })).suspendedAt;
    expect(Date.now() - (suspendedAt?.getTime() ?? 0)).toBeLessThan(60_000);

    await reinstateTenant(staff, { tenantId: t.tenant.id });
    expect((await db.tenant.findUniqueOrThrow({ where: { id: t.tenant.id } })).suspendedAt).toBeNull();
    await expect(authenticateApiKey(t.credentials)).resolves.toMatchObject({ tenantId: t.tenant.id });
    const audit = await db.auditLog.findMany({ where: { tenantId: t.tenant.id, targetType: "tenant" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["tenant.suspended", "tenant.reinstated"]);
    expect(audit[0]).toMatchObject({ before: { status: "ACTIVE" }, after: { status: "SUSPENDED", suspendedReason: "unpaid invoice 1042" } });
  });

  it("another instance's suspension reaches this process's cache through the notification, well before the cache expires", async () => {
    const t = await tenantWithKey();
    await tenantChangesListening();
    await expect(authenticateApiKey(t.credentials)).resolves.toBeTruthy(); // cached for 5 s
    // What suspendTenant does on another app instance: the row, and the announcement in the same transaction.
    await db.$transaction(async (tx) => {
      await tx.tenant.update({ where: { id: t.tenant.id }, data: { status: "SUSPENDED", suspendedReason: "fraud review" } });
      await announceTenantChanged(tx, t.tenant.id);
    });
    const started = Date.now();
    let code: string | null = null;
    while (Date.now() - started < 2_000) {
      code = await authenticateApiKey(t.credentials).then(
        () => null,
        (e: unknown) => (e as AppError).code,
      );
      if (code) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(code).toBe("TENANT_SUSPENDED");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("needs a reason and an existing tenant", async () => {
    const t = await createTestTenant();
    await expect(suspendTenant(staff, { tenantId: t.tenant.id, reason: "" })).rejects.toThrow(/say why/);
    expect((await rejection(suspendTenant(staff, { tenantId: "tn_nope", reason: "because" }))).code).toBe("NOT_FOUND");
  });
});

describe("credit adjustments", () => {
  it("move the balance and write a ledger entry with the reason, in one transaction; audited", async () => {
    const t = await createTestTenant();
    const before = (await db.tenant.findUniqueOrThrow({ where: { id: t.tenant.id } })).creditMicros;
    const result = await adjustTenantCredit(staff, { tenantId: t.tenant.id, amountMicros: "2500000", reason: "goodwill for the outage" });
    expect(result.balanceMicros).toBe(before + 2_500_000n);
    const entry = await db.creditLedgerEntry.findUniqueOrThrow({ where: { id: result.ledgerEntryId } });
    expect(entry).toMatchObject({ amountMicros: 2_500_000n, balanceAfter: before + 2_500_000n, reason: "staff adjustment: goodwill for the outage" });
    await adjustTenantCredit(staff, { tenantId: t.tenant.id, amountMicros: "-500000", reason: "correction" });
    expect((await db.tenant.findUniqueOrThrow({ where: { id: t.tenant.id } })).creditMicros).toBe(before + 2_000_000n);
    expect(await db.auditLog.count({ where: { tenantId: t.tenant.id, action: "tenant.credit_adjusted" } })).toBe(2);
    await expect(adjustTenantCredit(staff, { tenantId: t.tenant.id, amountMicros: "0", reason: "nothing" })).rejects.toThrow(/not zero/);
    await expect(adjustTenantCredit(staff, { tenantId: t.tenant.id, amountMicros: "1.5", reason: "nothing" })).rejects.toThrow(/whole number/);
  });
});
