import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { findPlatformAudit, platformAuditPages } from "@/server/admin/platform-audit";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

describe("the platform audit trail", () => {
  it("filters by tenant, actor email, action prefix and time, newest first, and names tenant and actor", async () => {
    const a = await createTestTenant({ name: "Audit A" });
    const b = await createTestTenant({ name: "Audit B" });
    const marker = newId("act").toLowerCase();
    const write = (tenantId: string | null, userId: string | null, action: string) =>
      recordAudit(db, { tenantId, userId, apiKeyId: null, impersonatorId: null, requestId: "req", ip: null }, { action: `${marker}.${action}`, targetType: "probe", before: { n: 1 }, after: { n: 2 } });
    await write(a.tenant.id, a.user.id, "one");
    await write(b.tenant.id, b.user.id, "two");
    await write(null, null, "platform");

    const all = await findPlatformAudit({ action: `${marker}.` });
    expect(all.items.map((e) => e.action)).toEqual([`${marker}.platform`, `${marker}.two`, `${marker}.one`]);
    expect(all.items[2]).toMatchObject({ tenantName: "Audit A", actor: { email: a.user.email }, before: { n: 1 }, after: { n: 2 } });
    expect(all.items[0]).toMatchObject({ tenantId: null, tenantName: null, actor: null });

    expect((await findPlatformAudit({ action: `${marker}.`, tenantId: b.tenant.id })).items.map((e) => e.action)).toEqual([`${marker}.two`]);
    expect((await findPlatformAudit({ action: `${marker}.`, actor: a.user.email.split("@")[0]!.toUpperCase() })).items.map((e) => e.action)).toEqual([`${marker}.one`]);
    expect((await findPlatformAudit({ action: `${marker}.`, from: new Date(Date.now() + 60_000) })).items).toEqual([]);

    const paged = await findPlatformAudit({ action: `${marker}.`, limit: 2 });
    expect(paged.items).toHaveLength(2);
    const rest = await findPlatformAudit({ action: `${marker}.`, limit: 2, cursor: paged.nextCursor });
    expect(rest.items.map((e) => e.action)).toEqual([`${marker}.one`]);

    const streamed: string[] = [];
    for await (const page of platformAuditPages({ action: `${marker}.` }, 2)) streamed.push(...page.map((e) => e.action));
    expect(streamed).toEqual([`${marker}.platform`, `${marker}.two`, `${marker}.one`]);
  });
});
