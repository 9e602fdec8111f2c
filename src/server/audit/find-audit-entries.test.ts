import { describe, expect, it } from "vitest";
import { findAuditEntries } from "@/server/audit/find-audit-entries";
import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { renameTenant } from "@/server/tenant/rename-tenant";
import { createTestTenant } from "@/test/factories";

describe("findAuditEntries", () => {
  it("pages the tenant's own entries newest first, with the actor's name", async () => {
    const { actor, user } = await createTestTenant();
    const other = await createTestTenant();
    for (let i = 0; i < 5; i++) {
      await recordAudit(db, actor, { action: `test.${i}`, targetType: "test" });
      // Distinct timestamps make "newest first" a well-defined expectation.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await recordAudit(db, other.actor, { action: "other.secret", targetType: "test" });

    const first = await findAuditEntries(actor, { limit: 3 });
    expect(first.items.map((e) => e.action)).toEqual(["test.4", "test.3", "test.2"]);
    expect(first.items[0]!.actor).toMatchObject({ id: user.id, name: user.name });
    const second = await findAuditEntries(actor, { limit: 3, cursor: first.nextCursor });
    expect(second.items.map((e) => e.action)).toEqual(["test.1", "test.0"]);
    expect(second.nextCursor).toBeNull();
  });

  it("pages entries that share a timestamp without skipping or repeating any", async () => {
    const { actor } = await createTestTenant();
    const at = new Date();
    for (let i = 0; i < 7; i++) await recordAudit(db, actor, { action: `same.${i}`, targetType: "test" });
    await db.auditLog.updateMany({ where: { tenantId: actor.tenantId }, data: { createdAt: at } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof findAuditEntries>> = await findAuditEntries(actor, { limit: 2, cursor });
      seen.push(...page.items.map((e) => e.action));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `same.${i}`));
  });

  it("is for ADMIN and up", async () => {
    const { actor } = await createTestTenant({ role: "AGENT" });
    await expect(findAuditEntries(actor, { limit: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("records a tenant rename with before and after", async () => {
    const { actor } = await createTestTenant({ name: "Old name" });
    await renameTenant(actor, { name: "New name" });
    const { items } = await findAuditEntries(actor, { limit: 10 });
    expect(items).toMatchObject([{ action: "tenant.renamed", before: { name: "Old name" }, after: { name: "New name" } }]);
  });
});
