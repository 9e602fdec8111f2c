import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestTenant } from "@/test/factories";
import { getAccount } from "@/server/account/get-account";

describe("getAccount", () => {
  it("reads the actor's tenant, fresh after each change", async () => {
    const { actor, tenant } = await createTestTenant({ name: "Balance Co" });
    expect(await getAccount(actor)).toMatchObject({ id: tenant.id, name: "Balance Co", creditMicros: 10_000_000n, currency: "USD", status: "ACTIVE" });
    await db.tenant.update({ where: { id: tenant.id }, data: { creditMicros: 42n } });
    expect((await getAccount(actor)).creditMicros).toBe(42n);
  });

  it("shares one query between concurrent reads of the same tenant, and none across tenants", async () => {
    const a = await createTestTenant({ name: "A" });
    const b = await createTestTenant({ name: "B" });
    const results = await Promise.all([getAccount(a.actor), getAccount(b.actor), getAccount(a.actor), getAccount(b.actor)]);
    expect(results.map((r) => r.name)).toEqual(["A", "B", "A", "B"]);
    expect(results[0]).toBe(results[2]);
    expect(results[0]).not.toBe(results[1]);
  });

  it("is not-found for a tenant that does not exist", async () => {
    const { actor } = await createTestTenant();
    await expect(getAccount({ ...actor, tenantId: "tn_missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
