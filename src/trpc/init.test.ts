// Tenant procedures act in the tenant the portal shell shows (pickCurrentTenant), and read the membership once
// per request however many procedures a batch holds.
import type { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/auth/session";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { createCallerFactory, createTrpcContext } from "@/trpc/init";
import { appRouter } from "@/trpc/routers/_app";

const createCaller = createCallerFactory(appRouter);
const sessionOf = (user: { id: string; email: string; name: string }): SessionUser => ({ id: user.id, email: user.email, name: user.name, isPlatformStaff: false });
const callerFor = (user: SessionUser, hint: string | null) =>
  createCaller(createTrpcContext({ headers: new Headers(hint ? { "x-irisx-tenant": hint } : {}), getUser: async () => user }));

describe("tenantProcedure", () => {
  it("falls back from a remembered tenant that was suspended to the user's active one, as the portal shell does", async () => {
    const suspended = await createTestTenant({ name: "Gone", status: "SUSPENDED" });
    const active = await createTestTenant({ name: "Here" });
    await db.membership.create({ data: { id: newId("mem"), tenantId: active.tenant.id, userId: suspended.user.id, role: "AGENT" } });
    const caller = callerFor(sessionOf(suspended.user), suspended.tenant.id);
    await expect(caller.tenant.current()).resolves.toMatchObject({ id: active.tenant.id, role: "AGENT" });
  });

  it("refuses with TENANT_SUSPENDED when every tenant of the user is suspended", async () => {
    const { user, tenant } = await createTestTenant({ status: "SUSPENDED" });
    const err = await callerFor(sessionOf(user), tenant.id).tenant.current().then(() => null, (e: unknown) => e as TRPCError);
    expect(err?.code).toBe("FORBIDDEN");
    expect(err?.message).toMatch(/suspended/);
  });

  it("reads the membership once for every procedure of one request", async () => {
    const { user } = await createTestTenant();
    const caller = callerFor(sessionOf(user), null);
    const findMany = vi.spyOn(db.membership, "findMany");
    try {
      await Promise.all([caller.tenant.current(), caller.tenant.onboardingChecklist(), caller.team.invitations()]);
      expect(findMany.mock.calls.filter(([args]) => (args?.where as { userId?: string } | undefined)?.userId === user.id)).toHaveLength(1);
    } finally {
      findMany.mockRestore();
    }
  });
});
