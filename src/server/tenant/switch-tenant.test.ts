import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { getMemberContext } from "@/server/tenant/get-member-context";
import { switchTenant } from "@/server/tenant/switch-tenant";
import { createTestTenant } from "@/test/factories";

async function joinAsAgent(tenantId: string, userId: string) {
  await db.membership.create({ data: { id: newId("mem"), tenantId, userId, role: "AGENT" } });
}

describe("switching tenants", () => {
  it("allows a tenant the user belongs to", async () => {
    const { user } = await createTestTenant({ name: "First" });
    const second = await createTestTenant({ name: "Second" });
    await joinAsAgent(second.tenant.id, user.id);
    await expect(switchTenant(user.id, second.tenant.id)).resolves.toEqual({ tenantId: second.tenant.id, name: "Second" });
  });

  it("reads a tenant the user does not belong to as NOT_FOUND", async () => {
    const { user } = await createTestTenant();
    const other = await createTestTenant();
    await expect(switchTenant(user.id, other.tenant.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a suspended tenant", async () => {
    const { user } = await createTestTenant();
    const suspended = await createTestTenant({ status: "SUSPENDED" });
    await joinAsAgent(suspended.tenant.id, user.id);
    await expect(switchTenant(user.id, suspended.tenant.id)).rejects.toMatchObject({ code: "TENANT_SUSPENDED" });
  });
});

describe("getMemberContext", () => {
  it("uses the remembered tenant when active, and otherwise the first active one", async () => {
    const { user, tenant: first } = await createTestTenant({ name: "First" });
    const second = await createTestTenant({ name: "Second" });
    const suspended = await createTestTenant({ name: "Gone", status: "SUSPENDED" });
    await joinAsAgent(second.tenant.id, user.id);
    await joinAsAgent(suspended.tenant.id, user.id);

    expect((await getMemberContext(user.id, second.tenant.id))?.current).toMatchObject({ tenantId: second.tenant.id, role: "AGENT" });
    expect((await getMemberContext(user.id, suspended.tenant.id))?.current?.tenantId).toBe(first.id);
    expect((await getMemberContext(user.id, "tn_someone_elses"))?.current?.tenantId).toBe(first.id);
    expect((await getMemberContext(user.id, null))?.tenants).toHaveLength(3);
  });

  it("has no current tenant when every one is suspended", async () => {
    const { user } = await createTestTenant({ status: "SUSPENDED" });
    expect((await getMemberContext(user.id, null))?.current).toBeNull();
  });
});
