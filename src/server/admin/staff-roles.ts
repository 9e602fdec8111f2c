// Staff roles: SUPPORT reads everything in /admin; OPERATOR also acts on tenants (suspend, limits, credit,
// numbers); OWNER also runs platform settings (feature flags) and the staff themselves. Read from the database on
// every request, so a change (or a removal) takes effect at once, whatever the session's token says.
import { z } from "zod";
import type { StaffRole } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { AppError } from "@/server/errors";
import type { StaffActor } from "@/server/admin/staff-actor";

export const STAFF_ROLES = ["SUPPORT", "OPERATOR", "OWNER"] as const satisfies readonly StaffRole[];
const RANK: Record<StaffRole, number> = { SUPPORT: 1, OPERATOR: 2, OWNER: 3 };

export function staffRoleAllows(role: StaffRole | null, min: StaffRole): boolean {
  return role !== null && RANK[role] >= RANK[min];
}

/** The user's staff role now (null: not staff, or no longer). */
export async function staffRoleOf(userId: string): Promise<StaffRole | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { isPlatformStaff: true, staffRole: true } });
  return user?.isPlatformStaff ? user.staffRole : null;
}

export async function findStaff() {
  const users = await db.user.findMany({
    where: { isPlatformStaff: true },
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, staffRole: true, totpEnabledAt: true, createdAt: true },
  });
  return users.map(({ totpEnabledAt, ...u }) => ({ ...u, twoFactor: totpEnabledAt !== null }));
}

export const ZSetStaffRoleInput = z.object({
  email: z.string().trim().toLowerCase().email("an email address"),
  /** null removes the user from the staff. */
  role: z.enum(STAFF_ROLES).nullable(),
});

/** Owners make an existing user staff with a role, change the role, or remove them; the last owner stays. */
export async function setStaffRole(owner: StaffActor, input: z.input<typeof ZSetStaffRoleInput>) {
  const { email, role } = ZSetStaffRoleInput.parse(input);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, isPlatformStaff: true, staffRole: true } });
    if (!user) throw new AppError("NOT_FOUND", "no user with that email: they sign up (or are invited to a workspace) first", { details: { fieldErrors: { email: ["no user with that email"] } } });
    if (user.staffRole === "OWNER" && role !== "OWNER") {
      // Serialised on the owners' rows, so two owners cannot demote each other at once and leave none.
      const owners = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE "isPlatformStaff" AND "staffRole" = 'OWNER' FOR UPDATE`;
      if (owners.length <= 1) throw new AppError("CONFLICT", "the platform keeps at least one owner: make someone else owner first");
    }
    const after = await tx.user.update({ where: { id: user.id }, data: { isPlatformStaff: role !== null, staffRole: role }, select: { id: true, email: true, staffRole: true } });
    await recordAudit(
      tx,
      { tenantId: null, userId: owner.userId, apiKeyId: null, impersonatorId: null, requestId: owner.requestId, ip: owner.ip ?? null },
      { action: role === null ? "staff.removed" : user.isPlatformStaff ? "staff.role_changed" : "staff.added", targetType: "user", targetId: user.id, before: { staffRole: user.staffRole }, after: { staffRole: role } },
    );
    return after;
  });
}
