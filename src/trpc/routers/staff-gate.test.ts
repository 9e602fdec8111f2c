import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { createTrpcContext } from "@/trpc/init";
import { createCaller } from "@/trpc/routers/_app";

describe("platform staff", () => {
  const caller = (u: { id: string; email: string }, mfa: boolean) =>
    createCaller(createTrpcContext({ headers: new Headers(), getUser: async () => ({ id: u.id, email: u.email, name: "Pat", isPlatformStaff: true, impersonatorId: null, mfa }) }));

  it("reach admin procedures only in a session signed in with the second factor", async () => {
    const staff = await db.user.create({ data: { id: newId("usr"), email: `${newId("u")}@example.test`, name: "Pat", passwordHash: "x", isPlatformStaff: true } });
    const without = await caller(staff, false)
      .admin.tenants()
      .then(
        () => null,
        (e: unknown) => e as { message: string; code: string },
      );
    expect(without).toMatchObject({ code: "FORBIDDEN" });
    expect(without?.message).toMatch(/second_factor_required/);
    await expect(caller(staff, true).admin.tenants()).resolves.toBeInstanceOf(Array);
  });
});
