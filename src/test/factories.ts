// Test data builders: real rows through the same Prisma client the app uses.
import { db } from "@/server/db";
import type { TCreatePhoneNumberInput } from "@/server/numbers/numbers.schemas";
import type { MemberRole } from "@/generated/prisma/enums";
import { newId } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";

/** Every tenant this test process made: its message sender sends only theirs (see runMessageSender's tenantIds). */
const madeHere: string[] = [];
export const testTenantIds = (): string[] => [...madeHere];

export async function createTestTenant(opts: { name?: string; role?: MemberRole; status?: "ACTIVE" | "SUSPENDED" } = {}) {
  const tenantId = newId("tn");
  madeHere.push(tenantId);
  const userId = newId("usr");
  const tenant = await db.tenant.create({
    data: { id: tenantId, name: opts.name ?? "Acme", slug: tenantId, status: opts.status ?? "ACTIVE", creditMicros: 10_000_000n },
  });
  const user = await db.user.create({
    data: { id: userId, email: `${userId}@example.test`, name: "Test Owner", passwordHash: "x", emailVerifiedAt: new Date() },
  });
  await db.membership.create({ data: { id: newId("mem"), tenantId, userId, role: opts.role ?? "OWNER" } });
  const actor: Actor = { tenantId, userId, role: opts.role ?? "OWNER", apiKeyId: null, impersonatorId: null, requestId: "test" };
  return { tenant, user, actor };
}

/** A number the platform gives the tenant (as staff assign one), with the handlers given: for tests that need a caller ID. */
export async function givePhoneNumber(tenantId: string, input: TCreatePhoneNumberInput) {
  const { assignPhoneNumber } = await import("@/server/admin/assign-phone-number");
  return assignPhoneNumber({ userId: null, requestId: "test" }, { tenantId, ...input });
}
