import { describe, expect, it } from "vitest";
import { authenticateUser } from "@/server/auth/authenticate-user";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import type { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

async function userWithPassword(password: string, tenants: ("ACTIVE" | "SUSPENDED")[]) {
  const email = `${newId("u")}@example.test`;
  const user = await db.user.create({ data: { id: newId("usr"), email, name: "Sam", passwordHash: await hashPassword(password) } });
  for (const status of tenants) {
    const { tenant } = await createTestTenant({ status });
    if (status === "SUSPENDED") await db.tenant.update({ where: { id: tenant.id }, data: { suspendedReason: "unpaid invoice" } });
    await db.membership.create({ data: { id: newId("mem"), tenantId: tenant.id, userId: user.id, role: "AGENT" } });
  }
  return { email, user };
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("authenticateUser", () => {
  it("signs in with the right password", async () => {
    const { email, user } = await userWithPassword("right password!", ["ACTIVE"]);
    await expect(authenticateUser({ email, password: "right password!" })).resolves.toMatchObject({ id: user.id, email, isPlatformStaff: false });
  });

  it("refuses a wrong password and an unknown email with the same message", async () => {
    const { email } = await userWithPassword("right password!", ["ACTIVE"]);
    const wrong = await refusal(authenticateUser({ email, password: "wrong password!" }));
    const unknown = await refusal(authenticateUser({ email: "nobody@example.test", password: "right password!" }));
    expect(wrong?.code).toBe("UNAUTHORIZED");
    expect(unknown?.code).toBe("UNAUTHORIZED");
    expect(wrong?.message).toBe(unknown?.message);
  });

  it("refuses a user whose every tenant is suspended, saying so", async () => {
    const { email } = await userWithPassword("right password!", ["SUSPENDED"]);
    const err = await refusal(authenticateUser({ email, password: "right password!" }));
    expect(err?.code).toBe("TENANT_SUSPENDED");
    expect(err?.message).toMatch(/suspended: unpaid invoice/);
  });

  it("lets in a user with at least one active tenant", async () => {
    const { email } = await userWithPassword("right password!", ["SUSPENDED", "ACTIVE"]);
    await expect(authenticateUser({ email, password: "right password!" })).resolves.toMatchObject({ email });
  });

  it("does not check suspension before the password (no account probing)", async () => {
    const { email } = await userWithPassword("right password!", ["SUSPENDED"]);
    expect((await refusal(authenticateUser({ email, password: "wrong password!" })))?.code).toBe("UNAUTHORIZED");
  });
});
